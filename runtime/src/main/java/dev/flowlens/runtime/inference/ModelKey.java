package dev.flowlens.runtime.inference;

import java.util.Objects;

/** What identifies a loaded model in the cache: the model (a store name plus file, or a path), engine and device. */
public record ModelKey(String modelId, String engine, String device) {
    public ModelKey {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(device, "device");
    }

    @Override
    public String toString() {
        return modelId + " on " + device + " (" + engine + ")";
    }
}

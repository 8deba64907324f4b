package dev.flowlens.runtime.inference;

import ai.djl.Device;
import java.util.Objects;

/**
 * The device a model actually runs on, with the engine, and why when it differs from what was asked
 * ("gpu0 was asked for but OnnxRuntime sees no GPU"). {@link #describe()} is what nodes report.
 */
public record ResolvedDevice(Device device, String engine, String engineVersion, DeviceChoice asked, String note) {
    public ResolvedDevice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(engine, "engine");
        engineVersion = engineVersion == null ? "" : engineVersion;
        note = note == null ? "" : note;
    }

    public boolean isGpu() {
        return device.isGpu();
    }

    /** "cpu", "gpu0": the short form that goes into node outputs and cache keys. */
    public String deviceName() {
        return device.isGpu() ? "gpu" + device.getDeviceId() : "cpu";
    }

    /** "cpu (OnnxRuntime 1.21.1)", plus the fallback note when there is one. */
    public String describe() {
        String s = deviceName() + " (" + engine + (engineVersion.isEmpty() ? "" : " " + engineVersion) + ")";
        return note.isEmpty() ? s : s + "; " + note;
    }
}

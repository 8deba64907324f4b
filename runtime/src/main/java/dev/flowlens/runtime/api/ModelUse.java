package dev.flowlens.runtime.api;

import java.util.Objects;

/**
 * A stored model a node of a run computes with, as the audit trail and report rows name it.
 *
 * @param sha256 the SHA-256 over the model's files' SHA-256s (in its manifest's order): it changes whenever any
 *               file of the model does, so two runs with the same value used the same weights
 */
public record ModelUse(String name, String engine, String sha256) {
    public ModelUse {
        Objects.requireNonNull(name, "name");
        engine = engine == null ? "" : engine;
        sha256 = sha256 == null ? "" : sha256;
    }

    /** "pp-ocrv4@1a2b3c4d5e6f": the name and the first twelve hex digits of the checksum, for report cells. */
    public String label() {
        return sha256.isEmpty() ? name : name + "@" + sha256.substring(0, Math.min(12, sha256.length()));
    }
}

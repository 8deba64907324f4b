package dev.flowlens.runtime.models;

import java.util.Objects;

/** One file of a model: its role for the code that loads it ("detector", "labels"), path inside the folder, checksum. */
public record ModelFile(String role, String path, String sha256, long size) {
    public ModelFile {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (path.contains("..") || path.startsWith("/")) {
            throw new IllegalArgumentException("model file path must stay inside the model folder, got " + path);
        }
    }
}

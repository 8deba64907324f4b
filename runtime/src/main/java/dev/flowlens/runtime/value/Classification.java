package dev.flowlens.runtime.value;

import java.util.Objects;

/** One label with its score (0..1), as a classifier or a verdict node answers. */
public record Classification(String label, double score) {
    public Classification {
        Objects.requireNonNull(label, "label");
    }
}

package dev.flowlens.runtime.value;

import java.util.Objects;

/** One found object: a label, a score (0..1) and a box in pixel coordinates of the image it was found in. */
public record Detection(String label, double score, double x, double y, double width, double height) {
    public Detection {
        Objects.requireNonNull(label, "label");
    }
}

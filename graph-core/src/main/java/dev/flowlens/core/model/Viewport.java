package dev.flowlens.core.model;

/** What part of the canvas the editor showed when the workflow was saved. */
public record Viewport(double zoom, double offsetX, double offsetY) {
    public static final Viewport DEFAULT = new Viewport(1.0, 0, 0);

    public Viewport {
        if (!(zoom > 0) || !Double.isFinite(zoom) || !Double.isFinite(offsetX) || !Double.isFinite(offsetY)) {
            throw new IllegalArgumentException("viewport must have a positive zoom and finite offsets");
        }
    }
}

package dev.flowlens.core.model;

import java.util.List;
import java.util.Objects;

/** Editor-only layout: frames and the viewport. Node positions live on the nodes. */
public record Canvas(List<Frame> frames, Viewport viewport) {
    public static final Canvas EMPTY = new Canvas(List.of(), Viewport.DEFAULT);

    public Canvas {
        frames = List.copyOf(frames);
        Objects.requireNonNull(viewport, "viewport");
    }

    public Canvas withFrames(List<Frame> newFrames) {
        return new Canvas(newFrames, viewport);
    }

    public Canvas withViewport(Viewport newViewport) {
        return new Canvas(frames, newViewport);
    }
}

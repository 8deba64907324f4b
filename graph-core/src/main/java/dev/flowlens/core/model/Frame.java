package dev.flowlens.core.model;

import java.util.Objects;

/** A titled rectangle on the canvas that groups nodes visually; it does not change how a workflow runs. */
public record Frame(String id, String title, double x, double y, double width, double height, String color) {
    public Frame {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        if (!(width > 0) || !(height > 0) || !Double.isFinite(width) || !Double.isFinite(height)
                || !Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("frame " + id + " must have a finite position and a positive size");
        }
    }

    public boolean contains(Position p) {
        return p.x() >= x && p.x() <= x + width && p.y() >= y && p.y() <= y + height;
    }
}

package dev.flowlens.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A titled rectangle on the canvas that groups nodes visually; it does not change how a workflow runs.
 * {@code color} is {@code #rrggbb} or null for the theme's colour. {@code extra} holds the fields of the file's
 * frame object this version does not know (written by a newer FlowLens or another tool), so that they survive
 * a load and save; the {@code with…} methods keep them.
 */
public record Frame(String id, String title, double x, double y, double width, double height, String color,
                    Map<String, JsonNode> extra) {
    public Frame {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        if (!(width > 0) || !(height > 0) || !Double.isFinite(width) || !Double.isFinite(height)
                || !Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("frame " + id + " must have a finite position and a positive size");
        }
        extra = copyOf(extra);
    }

    /** Sorted, so a saved file lists them in a stable order; deep copies, since JSON trees are mutable. */
    private static Map<String, JsonNode> copyOf(Map<String, JsonNode> fields) {
        Map<String, JsonNode> copy = new TreeMap<>();
        if (fields != null) {
            fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field name"), v == null ? null : v.deepCopy()));
        }
        copy.values().removeIf(Objects::isNull);
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** The unknown fields, as copies: changing them changes nothing here. */
    @Override
    public Map<String, JsonNode> extra() {
        return copyOf(extra);
    }

    public Frame(String id, String title, double x, double y, double width, double height, String color) {
        this(id, title, x, y, width, height, color, Map.of());
    }

    public boolean contains(Position p) {
        return p.x() >= x && p.x() <= x + width && p.y() >= y && p.y() <= y + height;
    }

    public Frame withTitle(String newTitle) {
        return new Frame(id, newTitle, x, y, width, height, color, extra);
    }

    public Frame movedBy(double dx, double dy) {
        return new Frame(id, title, x + dx, y + dy, width, height, color, extra);
    }

    public Frame withSize(double newWidth, double newHeight) {
        return new Frame(id, title, x, y, newWidth, newHeight, color, extra);
    }

    public Frame withColor(String newColor) {
        return new Frame(id, title, x, y, width, height, newColor, extra);
    }
}

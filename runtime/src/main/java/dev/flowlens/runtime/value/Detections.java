package dev.flowlens.runtime.value;

import java.util.List;

/** The objects found in one image, with that image's size so boxes can be drawn or scaled. */
public record Detections(List<Detection> items, int imageWidth, int imageHeight) {
    public Detections {
        items = List.copyOf(items);
    }
}

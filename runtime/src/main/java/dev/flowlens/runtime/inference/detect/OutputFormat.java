package dev.flowlens.runtime.inference.detect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a detection model's outputs read. Box coordinates are in the model's input pixels for the YOLO
 * formats and relative to the input (0..1) for SSD.
 * <ul>
 *   <li>{@code yolo} (YOLOv8 and later): one tensor [1, 4+C, N] or [1, N, 4+C]: cx, cy, w, h, then one score
 *       per class;</li>
 *   <li>{@code yolov5}: one tensor [1, N, 5+C] (or transposed): cx, cy, w, h, objectness, then class scores
 *       (a box's score is objectness x class score);</li>
 *   <li>{@code ssd}: three tensors: boxes [N, 4] as x1, y1, x2, y2, labels [N] (class indexes), scores [N]
 *       (a leading batch dimension of 1 is allowed).</li>
 * </ul>
 */
public enum OutputFormat {
    YOLO(4), YOLOV5(5), SSD(0);

    private final int boxValues;

    OutputFormat(int boxValues) {
        this.boxValues = boxValues;
    }

    /** Values per box before the class scores (4 for yolo, 5 for yolov5). */
    int boxValues() {
        return boxValues;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads "yolo", "yolov5" or "ssd" (case ignored); says what it expected otherwise. */
    public static OutputFormat parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (OutputFormat f : values()) {
            if (f.id().equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("output format must be one of "
                + Arrays.stream(values()).map(OutputFormat::id).collect(Collectors.joining(", ")) + ", got \""
                + text + "\"");
    }
}

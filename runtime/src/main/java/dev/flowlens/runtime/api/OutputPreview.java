package dev.flowlens.runtime.api;

import java.util.List;

/**
 * A node output made ready for display, so a front end can show previews without knowing the runtime's value
 * classes: pictures as ARGB pixels (scaled down), tables as text cells, failed items as their message.
 * Built by {@link OutputPreviews#of(Object, int)}.
 */
public sealed interface OutputPreview {

    /** An image scaled to fit the asked size; boxes are in the scaled picture's pixels. */
    record Picture(String name, int width, int height, int[] argb, int sourceWidth, int sourceHeight,
                   List<Box> boxes, List<Label> labels) implements OutputPreview {
        public Picture {
            boxes = List.copyOf(boxes);
            labels = List.copyOf(labels);
        }
    }

    /** A detection box or a classification label with its score. */
    record Box(String label, double score, double x, double y, double width, double height) {
    }

    record Label(String label, double score) {
    }

    /** Text, or JSON written indented ({@code json} true). */
    record Text(String text, boolean json) implements OutputPreview {
    }

    record Grid(List<String> columns, List<List<String>> rows) implements OutputPreview {
        public Grid {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** One element per list item, index-aligned with the list. */
    record Items(List<OutputPreview> items) implements OutputPreview {
        public Items {
            items = List.copyOf(items);
        }
    }

    /** An item that failed earlier or here: which one, at which node, why. */
    record Failure(String item, String node, String message) implements OutputPreview {
    }
}

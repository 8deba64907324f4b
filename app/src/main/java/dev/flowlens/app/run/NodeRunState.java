package dev.flowlens.app.run;

import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.NodeResults;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.OutputPreview;

/**
 * Where one node is in the current run, as the canvas shows it: its state, items done of total while it runs,
 * the last message, its result once final, and a small thumbnail of its first image output (or null).
 */
public record NodeRunState(NodeState state, int done, int total, String message, NodeResult result,
                           OutputPreview.Picture thumbnail) {

    public static NodeRunState queued() {
        return new NodeRunState(NodeState.QUEUED, 0, 0, "", null, null);
    }

    /** Items that came out fine, for the count on the node's outgoing wires; 0 until the node succeeded. */
    public int okItems() {
        return result == null ? 0 : NodeResults.okItems(result);
    }

    /**
     * Which device ran a model node ("cpu (PyTorch 2.7.1)", a GPU name), from its {@code device} output; empty
     * for nodes that have none. Several distinct devices over a batch are joined with commas.
     */
    public java.util.Optional<String> device() {
        if (result == null) {
            return java.util.Optional.empty();
        }
        Object d = NodeResults.outputs(result).get("device");
        java.util.List<?> values = d instanceof java.util.List<?> l ? l : d == null ? java.util.List.of() : java.util.List.of(d);
        String joined = values.stream().filter(v -> v instanceof String s && !s.isBlank()).map(Object::toString)
                .distinct().collect(java.util.stream.Collectors.joining(", "));
        return joined.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(joined);
    }

    /** The short line under the node: "running 3/9", "succeeded in 120 ms · 9 items", "failed: …". */
    public String summary() {
        if (result instanceof NodeResult.Succeeded s) {
            return "succeeded in " + millis(s.durationMillis()) + items(s.items(), s.itemErrors().size()) + onDevice();
        }
        if (result instanceof NodeResult.Cached c) {
            return "cached" + items(c.items(), c.itemErrors().size()) + onDevice();
        }
        if (result instanceof NodeResult.Failed f) {
            return "failed: " + firstLine(f.message());
        }
        if (result instanceof NodeResult.Skipped s) {
            return "skipped: " + s.reason();
        }
        if (result instanceof NodeResult.Cancelled) {
            return "cancelled";
        }
        return switch (state) {
            case QUEUED -> "queued";
            case RUNNING -> total > 0 ? "running " + done + "/" + total : "running";
            default -> state.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private String onDevice() {
        return device().map(d -> " · on " + d).orElse("");
    }

    private static String items(int items, int failed) {
        if (items <= 1 && failed == 0) {
            return "";
        }
        return " · " + items + " items" + (failed > 0 ? ", " + failed + " failed" : "");
    }

    static String millis(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 90 ? line.substring(0, 89) + "…" : line;
    }
}

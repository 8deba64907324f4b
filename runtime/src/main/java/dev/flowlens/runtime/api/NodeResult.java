package dev.flowlens.runtime.api;

import dev.flowlens.runtime.value.ItemError;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one node ended in a run. Failures are data attached to the node, never exceptions past it; nodes that
 * did not run because something upstream failed are {@link Skipped}, so each problem is reported once.
 */
public sealed interface NodeResult {

    NodeState state();

    /** Ran; {@code items} is how many elements it processed (1 for a single run), of which {@code itemErrors} failed. */
    record Succeeded(Map<String, Object> outputs, long durationMillis, int items, List<ItemError> itemErrors)
            implements NodeResult {
        public Succeeded {
            outputs = Map.copyOf(outputs);
            itemErrors = List.copyOf(itemErrors);
        }

        @Override
        public NodeState state() {
            return NodeState.SUCCEEDED;
        }
    }

    /** Served from the cache: same node type, version, parameters and inputs as an earlier run. */
    record Cached(Map<String, Object> outputs, int items, List<ItemError> itemErrors) implements NodeResult {
        public Cached {
            outputs = Map.copyOf(outputs);
            itemErrors = List.copyOf(itemErrors);
        }

        @Override
        public NodeState state() {
            return NodeState.CACHED;
        }
    }

    /**
     * Failed as a whole. {@code message} is for the user ("Load folder (node load): folder /x does not
     * exist"); {@code detail} is the stack trace for bug reports, empty for failures the user can fix.
     */
    record Failed(String message, String detail, long durationMillis) implements NodeResult {
        public Failed {
            Objects.requireNonNull(message, "message");
            detail = detail == null ? "" : detail;
        }

        @Override
        public NodeState state() {
            return NodeState.FAILED;
        }
    }

    /** Not run: "upstream failed", or outside the part of the graph that was asked for. */
    record Skipped(String reason) implements NodeResult {
        @Override
        public NodeState state() {
            return NodeState.SKIPPED;
        }
    }

    record Cancelled() implements NodeResult {
        @Override
        public NodeState state() {
            return NodeState.CANCELLED;
        }
    }
}

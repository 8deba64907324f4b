package dev.flowlens.runtime.api;

import dev.flowlens.runtime.value.ItemError;
import java.util.List;
import java.util.Map;

/** Small readings of a {@link NodeResult} that every view needs: its outputs and how many of its items are fine. */
public final class NodeResults {
    private NodeResults() {
    }

    /** The outputs of a node that ran or came from the cache; empty otherwise. */
    public static Map<String, Object> outputs(NodeResult r) {
        if (r instanceof NodeResult.Succeeded s) {
            return s.outputs();
        }
        if (r instanceof NodeResult.Cached c) {
            return c.outputs();
        }
        return Map.of();
    }

    /** How many items the node handled, 0 when it did not run. */
    public static int items(NodeResult r) {
        if (r instanceof NodeResult.Succeeded s) {
            return s.items();
        }
        if (r instanceof NodeResult.Cached c) {
            return c.items();
        }
        return 0;
    }

    /**
     * Items that came out fine: for a node that ran once per element, the elements of its outputs that are not
     * {@link ItemError}s, whether they failed here or earlier; for a single run, 1.
     */
    public static int okItems(NodeResult r) {
        int items = items(r);
        for (Object v : outputs(r).values()) {
            if (v instanceof List<?> list && list.size() == items) {
                return (int) list.stream().filter(x -> !(x instanceof ItemError)).count();
            }
        }
        return items;
    }
}

package dev.flowlens.runtime.node;

import java.util.Map;
import java.util.Optional;

/**
 * What one execution of a node receives: a value per wired input (single values when the executor fans a
 * list out) and the node's {@link Params}.
 */
public final class NodeInput {
    private final Map<String, Object> values;
    private final Params params;

    public NodeInput(Map<String, Object> values, Params params) {
        this.values = Map.copyOf(values);
        this.params = params;
    }

    public Params params() {
        return params;
    }

    /** A required input's value, of the expected Java type. */
    public <T> T get(String input, Class<T> type) {
        Object v = values.get(input);
        if (v == null) {
            throw new IllegalStateException("input \"" + input + "\" has no value (the workflow was not validated)");
        }
        return cast(input, v, type);
    }

    /** An optional input's value, empty when it is not wired. */
    public <T> Optional<T> optional(String input, Class<T> type) {
        Object v = values.get(input);
        return v == null ? Optional.empty() : Optional.of(cast(input, v, type));
    }

    public boolean has(String input) {
        return values.containsKey(input);
    }

    private static <T> T cast(String input, Object v, Class<T> type) {
        if (!type.isInstance(v)) {
            throw new IllegalStateException("input \"" + input + "\" expected " + type.getSimpleName() + ", got "
                    + v.getClass().getSimpleName());
        }
        return type.cast(v);
    }
}

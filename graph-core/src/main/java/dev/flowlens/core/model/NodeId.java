package dev.flowlens.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of a node inside one workflow. Ids appear in overrides such as {@code --set resize.width=512},
 * so they may not contain a dot.
 */
public record NodeId(String value) implements Comparable<NodeId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    public NodeId {
        Objects.requireNonNull(value, "node id");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("node id must start with a letter or '_' and hold only letters, digits, '_' "
                    + "or '-' (at most 64), got \"" + value + "\"");
        }
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

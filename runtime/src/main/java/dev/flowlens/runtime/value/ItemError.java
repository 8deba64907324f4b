package dev.flowlens.runtime.value;

import java.util.Objects;

/**
 * The place of an element that failed in a list: a bad image fails its own row, not the batch. Nodes that
 * run per element pass it through untouched; aggregating nodes (reports, evaluation) write it as a row
 * that says which item failed, where and why.
 */
public record ItemError(String item, String node, String message) {
    public ItemError {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return item + ": " + message + " (" + node + ")";
    }
}

package dev.flowlens.core.model;

import java.util.Objects;
import java.util.UUID;

/** Stable identity of a workflow document, kept across renames and saves. */
public record WorkflowId(String value) {
    public WorkflowId {
        Objects.requireNonNull(value, "workflow id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("workflow id must not be blank");
        }
    }

    public static WorkflowId random() {
        return new WorkflowId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

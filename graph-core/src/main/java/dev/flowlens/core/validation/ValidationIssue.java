package dev.flowlens.core.validation;

import dev.flowlens.core.model.NodeId;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a workflow, attached to where it starts: a node and, when it is about one, the
 * port or parameter ({@code field}). The message is written for the person who will fix it.
 */
public record ValidationIssue(NodeId node, String field, IssueCode code, Severity severity, String message) {
    public ValidationIssue {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static ValidationIssue error(NodeId node, String field, IssueCode code, String message) {
        return new ValidationIssue(node, field, code, Severity.ERROR, message);
    }

    public static ValidationIssue warning(NodeId node, String field, IssueCode code, String message) {
        return new ValidationIssue(node, field, code, Severity.WARNING, message);
    }

    public Optional<NodeId> nodeId() {
        return Optional.ofNullable(node);
    }

    public Optional<String> fieldName() {
        return Optional.ofNullable(field);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + " " + code.id() + ": " + message;
    }
}

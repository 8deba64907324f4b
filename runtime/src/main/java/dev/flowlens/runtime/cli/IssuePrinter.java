package dev.flowlens.runtime.cli;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.validation.ValidationIssue;
import java.io.PrintWriter;
import java.util.List;

/** Validation issues as lines: severity, node, field, message and code. Shared by {@code run} and {@code validate}. */
public final class IssuePrinter {
    private IssuePrinter() {
    }

    public static void print(PrintWriter w, List<ValidationIssue> issues) {
        for (ValidationIssue i : issues) {
            w.println("  " + (i.isError() ? "error  " : "warning") + "  node " + i.nodeId().map(NodeId::value).orElse("-")
                    + ", field " + i.fieldName().orElse("-") + ": " + i.message() + " [" + i.code().id() + "]");
        }
    }
}

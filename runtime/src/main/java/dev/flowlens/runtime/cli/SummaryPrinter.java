package dev.flowlens.runtime.cli;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.RunStatus;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.value.ItemError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The end-of-run summary: status, duration, items, failures with their messages, and the files written. */
public final class SummaryPrinter {
    private SummaryPrinter() {
    }

    public static void print(PrintWriter w, RunSummary s) {
        String name = s.workflowName().isBlank() ? "" : " of \"" + s.workflowName() + "\"";
        if (s.status() == RunStatus.INVALID) {
            w.println("Run" + name + " did not start: the workflow is not valid");
            IssuePrinter.print(w, s.issues());
            return;
        }
        w.println();
        w.println("Run " + s.runId() + name + ": " + s.status().name().toLowerCase(Locale.ROOT) + " in "
                + seconds(s.duration()));
        Map<NodeState, Long> counts = new java.util.EnumMap<>(NodeState.class);
        s.results().values().forEach(r -> counts.merge(r.state(), 1L, Long::sum));
        StringBuilder nodes = new StringBuilder("Nodes:");
        counts.forEach((state, n) -> nodes.append(' ').append(n).append(' ').append(state.name().toLowerCase(Locale.ROOT))
                .append(','));
        nodes.setLength(nodes.length() - 1);
        w.println(nodes);
        if (s.itemsOk() + s.itemsFailed() > 0) {
            w.println("Items: " + s.itemsOk() + " ok, " + s.itemsFailed() + " failed"
                    + (s.itemsFlagged() > 0 ? ", " + s.itemsFlagged() + " flagged for review" : ""));
        }
        boolean header = false;
        for (Map.Entry<NodeId, NodeResult> e : s.results().entrySet()) {
            NodeResult r = e.getValue();
            if (r instanceof NodeResult.Failed f) {
                if (!header) {
                    w.println("Failed:");
                    header = true;
                }
                w.println("  " + e.getKey() + ": " + f.message());
            } else if (r instanceof NodeResult.Succeeded ok && !ok.itemErrors().isEmpty()) {
                if (!header) {
                    w.println("Failed:");
                    header = true;
                }
                for (ItemError err : ok.itemErrors()) {
                    w.println("  " + e.getKey() + " (" + err.item() + "): " + err.message());
                }
            }
        }
        if (!s.outputFiles().isEmpty()) {
            w.println("Output files:");
            for (Path p : s.outputFiles()) {
                w.println("  " + p);
            }
        }
    }

    public static String message(NodeResult r) {
        if (r instanceof NodeResult.Failed f) {
            return f.message();
        }
        if (r instanceof NodeResult.Skipped s) {
            return s.reason();
        }
        if (r instanceof NodeResult.Succeeded s && !s.itemErrors().isEmpty()) {
            return s.itemErrors().size() + " of " + s.items() + " items failed";
        }
        return "";
    }

    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}

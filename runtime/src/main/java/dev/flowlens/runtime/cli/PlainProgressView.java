package dev.flowlens.runtime.cli;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.NodeResults;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.RunEvent;
import dev.flowlens.runtime.api.RunListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress for logs and pipes: one line when a node starts, when a tenth of its items are done, when it ends,
 * and for every log line; no cursor movement.
 */
final class PlainProgressView implements RunListener {
    private final PrintWriter out;
    private final Map<NodeId, Instant> startedAt = new HashMap<>();
    private final Map<NodeId, Integer> lastTenth = new HashMap<>();
    private Instant runStart;

    PlainProgressView(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            runStart = e.at();
            out.println("Run " + e.runId() + (e.workflowName().isBlank() ? "" : " of \"" + e.workflowName() + "\"")
                    + ": " + e.nodes().size() + " nodes");
        } else if (event instanceof RunEvent.NodeStateChanged e) {
            if (e.state() == NodeState.RUNNING && startedAt.putIfAbsent(e.node(), e.at()) == null) {
                line(e.at(), e.node() + " running");
            } else if (e.state() == NodeState.RUNNING && e.total() > 0) {
                int tenth = e.done() * 10 / e.total();
                if (tenth > lastTenth.getOrDefault(e.node(), 0) && e.done() < e.total()) {
                    lastTenth.put(e.node(), tenth);
                    line(e.at(), e.node() + " " + e.done() + "/" + e.total() + " items");
                }
            }
        } else if (event instanceof RunEvent.NodeFinished e) {
            NodeResult r = e.result();
            StringBuilder sb = new StringBuilder(e.node().value()).append(' ')
                    .append(r.state().name().toLowerCase(Locale.ROOT));
            if (r instanceof NodeResult.Succeeded s) {
                sb.append(" in ").append(SummaryPrinter.seconds(Duration.ofMillis(s.durationMillis())));
            } else if (r instanceof NodeResult.Failed f) {
                sb.append(" in ").append(SummaryPrinter.seconds(Duration.ofMillis(f.durationMillis())));
            }
            int items = NodeResults.items(r);
            if (items > 1 || NodeResults.okItems(r) < items) {
                sb.append(", ").append(NodeResults.okItems(r)).append('/').append(items).append(" items ok");
            }
            String message = SummaryPrinter.message(r);
            if (!message.isEmpty()) {
                sb.append(": ").append(message);
            }
            line(e.at(), sb.toString());
        } else if (event instanceof RunEvent.Log e) {
            line(e.at(), (e.node() == null ? "" : e.node() + ": ") + e.message());
        }
        out.flush();
    }

    private void line(Instant at, String text) {
        Duration since = runStart == null ? Duration.ZERO : Duration.between(runStart, at);
        out.println(String.format(Locale.ROOT, "[%6.1fs] %s", since.toMillis() / 1000.0, text));
    }
}

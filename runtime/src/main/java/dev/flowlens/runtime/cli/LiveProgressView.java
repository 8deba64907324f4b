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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Progress on a terminal: one line per node (state, items done/total, elapsed) redrawn in place with ANSI
 * cursor movement, at most ten times a second, plus every log line above the block. Workflows with more than
 * twenty nodes show the running and failed ones first and count the rest on one line.
 */
final class LiveProgressView implements RunListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int MAX_ROWS = 20;
    private static final String CLEAR_LINE = "\u001b[2K";

    private final PrintWriter out;
    private final Map<NodeId, Row> rows = new LinkedHashMap<>();
    private int drawnLines;
    private long lastDraw;
    private int width;

    LiveProgressView(PrintWriter out) {
        this.out = out;
    }

    private static final class Row {
        NodeState state = NodeState.QUEUED;
        int done;
        int total;
        Instant started;
        Instant ended;
        Duration took;
        String message = "";
    }

    @Override
    public void onEvent(RunEvent event) {
        boolean force = false;
        if (event instanceof RunEvent.RunStarted e) {
            out.println("Run " + e.runId() + (e.workflowName().isBlank() ? "" : " of \"" + e.workflowName() + "\""));
            e.nodes().forEach(n -> rows.put(n, new Row()));
            width = e.nodes().stream().mapToInt(n -> n.value().length()).max().orElse(4);
            force = true;
        } else if (event instanceof RunEvent.NodeStateChanged e) {
            Row row = rows.computeIfAbsent(e.node(), n -> new Row());
            row.state = e.state();
            if (e.state() == NodeState.RUNNING && row.started == null) {
                row.started = e.at();
            }
            if (e.total() > 0) {
                row.done = e.done();
                row.total = e.total();
            }
            force = e.state().isFinal();
        } else if (event instanceof RunEvent.NodeFinished e) {
            Row row = rows.computeIfAbsent(e.node(), n -> new Row());
            row.state = e.result().state();
            row.ended = e.at();
            row.message = SummaryPrinter.message(e.result());
            // The node's own time, without waiting for a worker or for this display.
            if (e.result() instanceof NodeResult.Succeeded s) {
                row.took = Duration.ofMillis(s.durationMillis());
            } else if (e.result() instanceof NodeResult.Failed f) {
                row.took = Duration.ofMillis(f.durationMillis());
            }
            if (NodeResults.items(e.result()) > 0) {
                row.done = NodeResults.okItems(e.result());
                row.total = NodeResults.items(e.result());
            }
            force = true;
        } else if (event instanceof RunEvent.Log e) {
            erase();
            out.println((e.node() == null ? "" : e.node() + ": ") + e.message());
            force = true;
        } else if (event instanceof RunEvent.RunFinished) {
            draw();
            out.flush();
            return;
        }
        long now = System.nanoTime();
        if (force || now - lastDraw > REDRAW_NANOS) {
            draw();
            lastDraw = now;
        }
    }

    private void erase() {
        if (drawnLines > 0) {
            out.print("\u001b[" + drawnLines + "A");
            for (int i = 0; i < drawnLines; i++) {
                out.print(CLEAR_LINE + "\n");
            }
            out.print("\u001b[" + drawnLines + "A");
            drawnLines = 0;
        }
    }

    private void draw() {
        List<String> lines = new ArrayList<>();
        Instant now = Instant.now();
        Map<NodeId, Row> shown = rows;
        String more = null;
        if (rows.size() > MAX_ROWS) {
            // Cursor movement cannot reach above the screen: keep the block short, showing what matters now.
            shown = new LinkedHashMap<>();
            for (NodeState first : List.of(NodeState.RUNNING, NodeState.FAILED)) {
                for (Map.Entry<NodeId, Row> e : rows.entrySet()) {
                    if (e.getValue().state == first && shown.size() < MAX_ROWS - 1) {
                        shown.put(e.getKey(), e.getValue());
                    }
                }
            }
            for (Map.Entry<NodeId, Row> e : rows.entrySet()) {
                if (shown.size() < MAX_ROWS - 1) {
                    shown.putIfAbsent(e.getKey(), e.getValue());
                }
            }
            Map<NodeState, Integer> hidden = new java.util.EnumMap<>(NodeState.class);
            for (Map.Entry<NodeId, Row> e : rows.entrySet()) {
                if (!shown.containsKey(e.getKey())) {
                    hidden.merge(e.getValue().state, 1, Integer::sum);
                }
            }
            StringBuilder sb = new StringBuilder("  ... ").append(rows.size() - shown.size()).append(" more:");
            hidden.forEach((state, n) -> sb.append(' ').append(n).append(' ').append(state.name().toLowerCase(Locale.ROOT)));
            more = sb.toString();
        }
        shown.forEach((id, row) -> {
            StringBuilder sb = new StringBuilder("  ").append(symbol(row.state)).append(' ')
                    .append(id.value()).append(" ".repeat(Math.max(0, width - id.value().length())))
                    .append("  ").append(String.format(Locale.ROOT, "%-9s", row.state.name().toLowerCase(Locale.ROOT)));
            if (row.total > 0) {
                sb.append(String.format(Locale.ROOT, " %6s", row.done + "/" + row.total));
            } else {
                sb.append("       ");
            }
            if (row.took != null) {
                sb.append("  ").append(SummaryPrinter.seconds(row.took));
            } else if (row.started != null) {
                sb.append("  ").append(SummaryPrinter.seconds(Duration.between(row.started, row.ended == null ? now : row.ended)));
            }
            if (!row.message.isEmpty()) {
                sb.append("  ").append(row.message.length() > 100 ? row.message.substring(0, 97) + "..." : row.message);
            }
            lines.add(sb.toString());
        });
        if (more != null) {
            lines.add(more);
        }
        if (drawnLines > 0) {
            out.print("\u001b[" + drawnLines + "A");
        }
        for (String line : lines) {
            out.print(CLEAR_LINE + line + "\n");
        }
        drawnLines = lines.size();
        out.flush();
    }

    private static String symbol(NodeState state) {
        return switch (state) {
            case QUEUED -> "·";
            case RUNNING -> "▶";
            case SUCCEEDED -> "✔";
            case CACHED -> "≡";
            case FAILED -> "✘";
            case SKIPPED -> "↷";
            case CANCELLED -> "■";
        };
    }
}

package dev.flowlens.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.runtime.value.ItemError;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The one JSON shape of run events, shared by {@code flowlens run --events jsonl}, the HTTP API and history.
 *
 * <p>Every object has the same eight keys, null where they do not apply: {@code type} (run_started,
 * node_state, node_finished, log, run_finished), {@code runId}, {@code at} (ISO-8601 instant), {@code node}
 * (node id), {@code state} (a node state, or the run's status on run_finished, lower case), {@code done} and
 * {@code total} (items; on node_finished, items that came out fine of all items), {@code message}. Some types add keys: run_started {@code workflow}, {@code nodes},
 * {@code trigger}; node_finished {@code durationMs}, {@code items}, {@code itemErrors}, {@code outputs} (a short
 * description per output), {@code detail}; run_finished {@code status}, {@code durationMs}, {@code itemsOk},
 * {@code itemsFailed}, {@code failed}, {@code outputFiles}, {@code issues}. Keys are only ever added, never
 * renamed or removed.
 */
public final class RunEventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunEventJson() {
    }

    /** One line of JSON, without the line break. */
    public static String line(RunEvent event) {
        return toJson(event).toString();
    }

    public static ObjectNode toJson(RunEvent event) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", type(event));
        o.put("runId", event.runId());
        o.put("at", event.at().toString());
        o.putNull("node");
        o.putNull("state");
        o.putNull("done");
        o.putNull("total");
        o.putNull("message");
        if (event instanceof RunEvent.RunStarted e) {
            o.put("workflow", e.workflowName());
            ArrayNode nodes = o.putArray("nodes");
            e.nodes().forEach(n -> nodes.add(n.value()));
            ObjectNode trigger = o.putObject("trigger");
            trigger.put("kind", e.trigger().kind().name().toLowerCase(Locale.ROOT));
            trigger.put("detail", e.trigger().detail());
        } else if (event instanceof RunEvent.NodeStateChanged e) {
            o.put("node", e.node().value());
            o.put("state", lower(e.state()));
            o.put("done", e.done());
            o.put("total", e.total());
            o.put("message", e.message());
        } else if (event instanceof RunEvent.NodeFinished e) {
            o.put("node", e.node().value());
            nodeResult(o, e.result());
        } else if (event instanceof RunEvent.Log e) {
            if (e.node() != null) {
                o.put("node", e.node().value());
            }
            o.put("message", e.message());
        } else if (event instanceof RunEvent.RunFinished e) {
            summary(o, e.summary());
        }
        return o;
    }

    private static String type(RunEvent event) {
        if (event instanceof RunEvent.RunStarted) {
            return "run_started";
        }
        if (event instanceof RunEvent.NodeStateChanged) {
            return "node_state";
        }
        if (event instanceof RunEvent.NodeFinished) {
            return "node_finished";
        }
        if (event instanceof RunEvent.Log) {
            return "log";
        }
        return "run_finished";
    }

    private static void nodeResult(ObjectNode o, NodeResult r) {
        o.put("state", lower(r.state()));
        long duration = 0;
        int items = 0;
        Map<String, Object> outputs = Map.of();
        Collection<ItemError> errors = java.util.List.of();
        String message = "";
        String detail = "";
        if (r instanceof NodeResult.Succeeded s) {
            duration = s.durationMillis();
            items = s.items();
            outputs = s.outputs();
            errors = s.itemErrors();
        } else if (r instanceof NodeResult.Cached c) {
            items = c.items();
            outputs = c.outputs();
            errors = c.itemErrors();
        } else if (r instanceof NodeResult.Failed f) {
            duration = f.durationMillis();
            message = f.message();
            detail = f.detail();
        } else if (r instanceof NodeResult.Skipped s) {
            message = s.reason();
        }
        o.put("done", NodeResults.okItems(r));
        o.put("total", items);
        o.put("message", message);
        o.put("durationMs", duration);
        o.put("items", items);
        ArrayNode errs = o.putArray("itemErrors");
        errors.forEach(e -> errs.add(itemError(e)));
        ObjectNode outs = o.putObject("outputs");
        outputs.forEach((k, v) -> outs.put(k, describe(v)));
        o.put("detail", detail);
    }

    private static ObjectNode itemError(ItemError e) {
        ObjectNode x = MAPPER.createObjectNode();
        x.put("item", e.item());
        x.put("node", e.node());
        x.put("message", e.message());
        return x;
    }

    private static void summary(ObjectNode o, RunSummary s) {
        o.put("state", lower(s.status()));
        o.put("status", lower(s.status()));
        o.put("message", s.workflowName() + ": " + lower(s.status()));
        o.put("durationMs", s.duration().toMillis());
        o.put("done", s.itemsOk());
        o.put("total", s.itemsOk() + s.itemsFailed());
        o.put("itemsOk", s.itemsOk());
        o.put("itemsFailed", s.itemsFailed());
        o.put("itemsFlagged", s.itemsFlagged());
        ArrayNode failed = o.putArray("failed");
        s.results().forEach((id, r) -> {
            if (r instanceof NodeResult.Failed f) {
                ObjectNode x = failed.addObject();
                x.put("node", id.value());
                x.put("message", f.message());
            } else if (r instanceof NodeResult.Succeeded ok) {
                ok.itemErrors().forEach(e -> {
                    ObjectNode x = failed.addObject();
                    x.put("node", id.value());
                    x.put("item", e.item());
                    x.put("message", e.message());
                });
            }
        });
        ArrayNode files = o.putArray("outputFiles");
        s.outputFiles().forEach(p -> files.add(p.toString()));
        ArrayNode issues = o.putArray("issues");
        for (ValidationIssue i : s.issues()) {
            ObjectNode x = issues.addObject();
            x.put("node", i.nodeId().map(NodeId::value).orElse(null));
            x.put("field", i.field());
            x.put("code", i.code().id());
            x.put("severity", lower(i.severity()));
            x.put("message", i.message());
        }
    }

    /** A short description of an output value: numbers and short text as they are, the rest by kind and size. */
    public static String describe(Object v) {
        if (v instanceof java.util.List<?> list) {
            long errors = list.stream().filter(x -> x instanceof ItemError).count();
            return "list of " + list.size() + (errors > 0 ? " (" + errors + " failed)" : "");
        }
        if (v instanceof JsonNode j) {
            return shorten(j.toString());
        }
        if (v instanceof Path p) {
            return p.toString();
        }
        return shorten(String.valueOf(v));
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}

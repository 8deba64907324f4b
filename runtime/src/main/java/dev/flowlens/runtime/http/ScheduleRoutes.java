package dev.flowlens.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.runtime.scheduler.MissedRunPolicy;
import dev.flowlens.runtime.scheduler.NewSchedule;
import dev.flowlens.runtime.scheduler.OverlapPolicy;
import dev.flowlens.runtime.scheduler.RunRecord;
import dev.flowlens.runtime.scheduler.ScheduleBook;
import dev.flowlens.runtime.scheduler.WorkflowSchedule;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET/POST/DELETE /api/schedules} over the scheduler's {@link ScheduleBook}: schedules name a saved
 * workflow (never an arbitrary file), and the service that owns the store fires them. Problems the book reports
 * (a bad cron expression, an override naming no node) become 400 with its message.
 */
final class ScheduleRoutes {
    private static final Set<String> KEYS = Set.of("workflow", "cron", "zone", "set", "enabled", "retries", "missedRuns",
            "overlap");

    private final ScheduleBook book;
    private final WorkflowLibrary library;

    ScheduleRoutes(ScheduleBook book, WorkflowLibrary library) {
        this.book = book;
        this.library = library;
    }

    ArrayNode list() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        book.list().forEach(s -> out.add(json(s)));
        return out;
    }

    ObjectNode add(JsonNode body) {
        if (!(body instanceof ObjectNode request)) {
            throw new ApiProblem(400, "expected a JSON object such as {\"workflow\": \"name\", \"cron\": \"0 * * * *\"}");
        }
        for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new ApiProblem(400, "unknown key \"" + WorkflowLibrary.abbreviate(key) + "\"; a schedule has "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        if (!request.path("workflow").isTextual() || !request.path("cron").isTextual()) {
            throw new ApiProblem(400, "a schedule needs \"workflow\" (a saved workflow's name) and \"cron\" (such as \"0 * * * *\")");
        }
        Path file = library.resolve(request.get("workflow").asText());
        ZoneId zone = null;
        if (request.hasNonNull("zone")) {
            try {
                zone = ZoneId.of(request.get("zone").asText());
            } catch (DateTimeException e) {
                throw new ApiProblem(400, "zone must be a time zone such as Europe/Berlin or UTC, got \""
                        + WorkflowLibrary.abbreviate(request.get("zone").asText()) + "\"");
            }
        }
        List<String> overrides = new ArrayList<>();
        JsonNode set = request.get("set");
        if (set != null && !set.isNull()) {
            if (!set.isObject()) {
                throw new ApiProblem(400, "\"set\" must be an object such as {\"load.folder\": \"/data/uploads\"}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                overrides.add(e.getKey() + "=" + (e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
            }
        }
        NewSchedule schedule = new NewSchedule(file, request.get("cron").asText(), zone, overrides,
                request.path("enabled").asBoolean(true),
                request.hasNonNull("missedRuns") ? policy(MissedRunPolicy.class, request.get("missedRuns")) : null,
                request.hasNonNull("overlap") ? policy(OverlapPolicy.class, request.get("overlap")) : null,
                request.path("retries").asInt(WorkflowSchedule.DEFAULT_RETRIES));
        try {
            return json(book.add(schedule));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, e.getMessage());
        }
    }

    ObjectNode remove(String id) {
        if (book.find(id).isEmpty()) {
            throw new ApiProblem(404, "no schedule " + WorkflowLibrary.abbreviate(id));
        }
        return json(book.remove(id));
    }

    /** The schedule's run history, newest first. */
    ArrayNode history(String id, int limit) {
        if (book.find(id).isEmpty()) {
            throw new ApiProblem(404, "no schedule " + WorkflowLibrary.abbreviate(id));
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (RunRecord r : book.history(id, limit)) {
            ObjectNode o = out.addObject();
            o.put("runId", r.runId());
            o.put("trigger", r.trigger());
            o.put("status", r.status().name().toLowerCase(Locale.ROOT));
            o.put("note", r.note());
            o.put("startedAt", r.startedAt().toString());
            putTime(o, "finishedAt", r.finishedAt());
            o.put("itemsOk", r.itemsOk());
            o.put("itemsFailed", r.itemsFailed());
            o.put("itemsFlagged", r.itemsFlagged());
            ObjectNode errors = o.putObject("nodeErrors");
            r.nodeErrors().forEach(errors::put);
            ArrayNode files = o.putArray("outputFiles");
            r.outputFiles().forEach(files::add);
        }
        return out;
    }

    /** A saved workflow's numbers over the last {@code days} days, from the run history (the app's dashboard). */
    ObjectNode dashboard(String workflowName, int days) {
        java.nio.file.Path file = library.resolve(workflowName);
        dev.flowlens.runtime.scheduler.WorkflowDashboard d = dev.flowlens.runtime.scheduler.WorkflowDashboard.of(
                book.store(), file.toString(), days, java.time.ZoneId.systemDefault(), Instant.now());
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("workflow", workflowName);
        o.put("days", d.days());
        o.put("zone", d.zone().getId());
        o.put("finishedRuns", d.finishedRuns());
        o.put("failedRuns", d.failedRuns());
        o.put("failureRate", d.failureRate());
        o.put("itemsOk", d.itemsOk());
        o.put("itemsFailed", d.itemsFailed());
        if (d.medianMillisPerItem().isPresent()) {
            o.put("medianMillisPerItem", d.medianMillisPerItem().get());
        } else {
            o.putNull("medianMillisPerItem");
        }
        if (d.p95MillisPerItem().isPresent()) {
            o.put("p95MillisPerItem", d.p95MillisPerItem().get());
        } else {
            o.putNull("p95MillisPerItem");
        }
        ArrayNode perDay = o.putArray("perDay");
        for (dev.flowlens.runtime.scheduler.WorkflowDashboard.Day day : d.perDay()) {
            perDay.addObject().put("date", day.date().toString()).put("runs", day.runs()).put("failed", day.failed());
        }
        return o;
    }

    private ObjectNode json(WorkflowSchedule s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", s.id());
        Path file = s.workflowFile().toAbsolutePath().normalize();
        if (file.startsWith(library.root())) {
            String rel = library.root().relativize(file).toString().replace('\\', '/');
            o.put("workflow", rel.endsWith(".json") ? rel.substring(0, rel.length() - 5) : rel);
        } else {
            o.putNull("workflow");
        }
        o.put("workflowFile", file.toString());
        o.put("cron", s.cron());
        o.put("zone", s.zone().getId());
        ObjectNode set = o.putObject("set");
        s.overrides().forEach(set::put);
        o.put("enabled", s.enabled());
        o.put("missedRuns", s.missedRuns().name().toLowerCase(Locale.ROOT));
        o.put("overlap", s.overlap().name().toLowerCase(Locale.ROOT));
        o.put("retries", s.retries());
        o.put("createdAt", s.createdAt().toString());
        putTime(o, "lastSuccessfulRun", s.lastSuccessfulRun());
        putTime(o, "nextDue", book.nextDue(s.id()).orElse(null));
        return o;
    }

    private static <E extends Enum<E>> E policy(Class<E> type, JsonNode value) {
        String text = value.asText().strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        throw new ApiProblem(400, type.getSimpleName() + " must be one of " + String.join(", ",
                java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList())
                + ", got \"" + WorkflowLibrary.abbreviate(value.asText()) + "\"");
    }

    private static void putTime(ObjectNode o, String key, Instant t) {
        if (t == null) {
            o.putNull(key);
        } else {
            o.put(key, t.toString());
        }
    }
}

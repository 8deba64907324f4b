package dev.flowlens.runtime.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.runtime.api.RunEvent;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.RunEventJson;
import dev.flowlens.runtime.api.RunHandle;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunStatus;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.scheduler.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run submitted through the API, from acceptance to its end: where it is (queued, running, finished), the
 * latest state of every node as the run's events tell it, and the summary. Guarded by its own monitor, since
 * executor threads update it while request threads read it.
 */
final class ApiRun {
    enum Phase { QUEUED, RUNNING, FINISHED }

    private final String id;
    private final String workflowName;
    private final String savedName;
    private final Map<String, String> overridesShown;
    private final RunRequest request;
    private final Path runFolder;
    private final Instant submittedAt = Instant.now();
    private final long submittedNanos = System.nanoTime();

    private Phase phase = Phase.QUEUED;
    private RunHandle handle;
    private Instant startedAt;
    private Instant finishedAt;
    private long finishedNanos;
    private RunSummary summary;
    private String endedWithout;
    private final Map<NodeId, ObjectNode> nodes = new LinkedHashMap<>();

    ApiRun(String id, String workflowName, String savedName, Map<String, String> overridesShown, RunRequest request,
           Path runFolder) {
        this.id = id;
        this.workflowName = workflowName;
        this.savedName = savedName;
        this.overridesShown = Map.copyOf(overridesShown);
        this.request = request;
        this.runFolder = runFolder;
    }

    String id() {
        return id;
    }

    RunRequest request() {
        return request;
    }

    Path runFolder() {
        return runFolder;
    }

    synchronized Phase phase() {
        return phase;
    }

    /** The executor took the run; its first events may already have arrived. */
    synchronized void started(RunHandle h) {
        handle = h;
        markRunning();
    }

    private void markRunning() {
        if (phase == Phase.QUEUED) {
            phase = Phase.RUNNING;
            startedAt = Instant.now();
        }
    }

    /** Ends a run that never reached the executor: cancelled while queued, or refused by a closed runtime. */
    synchronized void endedWithoutRunning(String status) {
        phase = Phase.FINISHED;
        endedWithout = status;
        finishedAt = Instant.now();
        finishedNanos = System.nanoTime();
    }

    /** The run's summary once it ended; null before, or when it ended without running. */
    synchronized RunSummary summary() {
        return summary;
    }

    synchronized RunHandle handle() {
        return handle;
    }

    /** Called from the executor, in order, for every event of the run. */
    synchronized void apply(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            markRunning();
            e.nodes().forEach(n -> nodes.putIfAbsent(n, nodeJson(n, "queued")));
        } else if (event instanceof RunEvent.NodeStateChanged || event instanceof RunEvent.NodeFinished) {
            ObjectNode o = RunEventJson.toJson(event);
            o.remove("type");
            o.remove("runId");
            NodeId node = event instanceof RunEvent.NodeStateChanged c ? c.node() : ((RunEvent.NodeFinished) event).node();
            nodes.put(node, o);
        } else if (event instanceof RunEvent.RunFinished e) {
            summary = e.summary();
            phase = Phase.FINISHED;
            finishedAt = e.at();
            finishedNanos = System.nanoTime();
        }
    }

    /** queued, running, or how it ended: succeeded, failed, cancelled, invalid. */
    synchronized String status() {
        if (phase == Phase.FINISHED) {
            return summary != null ? lower(summary.status()) : endedWithout;
        }
        return lower(phase);
    }

    /** From acceptance to the end; for the benchmark. Only meaningful once finished. */
    synchronized Duration acceptedToFinished() {
        return Duration.ofNanos(finishedNanos - submittedNanos);
    }

    /** The run as an entry of the scheduler's run history (trigger "api", no schedule); only once it has ended. */
    synchronized RunRecord record(String client) {
        RunRecord.Status status;
        String st = status();
        switch (st) {
            case "succeeded" -> status = RunRecord.Status.SUCCEEDED;
            case "cancelled" -> status = RunRecord.Status.CANCELLED;
            case "interrupted" -> status = RunRecord.Status.INTERRUPTED;
            default -> status = RunRecord.Status.FAILED;
        }
        Map<String, String> nodeErrors = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        if (summary != null) {
            summary.results().forEach((node, r) -> {
                if (r instanceof NodeResult.Failed f) {
                    nodeErrors.put(node.value(), f.message());
                }
            });
            summary.outputFiles().forEach(f -> files.add(f.toString()));
        }
        String file = savedName != null && request.workflowFile() != null ? request.workflowFile().toString()
                : "(posted document) " + workflowName;
        Instant start = startedAt != null ? startedAt : submittedAt;
        return new RunRecord(id, null, file, "api", "API run from " + client, start,
                finishedAt != null ? finishedAt : Instant.now(), status, summary == null ? 0 : summary.itemsOk(),
                summary == null ? 0 : summary.itemsFailed(), summary == null ? 0 : summary.itemsFlagged(), nodeErrors,
                files, 0, "api");
    }

    Instant submittedAt() {
        return submittedAt;
    }

    /** A line for {@code GET /api/runs}. */
    synchronized ObjectNode brief() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("runId", id);
        o.put("workflow", workflowName);
        if (savedName == null) {
            o.putNull("saved");
        } else {
            o.put("saved", savedName);
        }
        o.put("status", status());
        o.put("submittedAt", submittedAt.toString());
        putTime(o, "startedAt", startedAt);
        putTime(o, "finishedAt", finishedAt);
        return o;
    }

    /** Everything {@code GET /api/runs/{id}} shows: the brief, the overrides, every node and the output files. */
    synchronized ObjectNode detail(String outputsUrl) {
        ObjectNode o = brief();
        ObjectNode set = o.putObject("set");
        overridesShown.forEach(set::put);
        if (summary != null) {
            o.put("durationMs", summary.duration().toMillis());
            o.put("itemsOk", summary.itemsOk());
            o.put("itemsFailed", summary.itemsFailed());
            o.put("itemsFlagged", summary.itemsFlagged());
        }
        ObjectNode nodeStates = o.putObject("nodes");
        nodes.forEach((k, v) -> nodeStates.set(k.value(), v.deepCopy()));
        ArrayNode outputs = o.putArray("outputs");
        List<Path> files = summary == null ? List.of() : summary.outputFiles();
        Path base = runFolder.toAbsolutePath().normalize();
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            if (!abs.startsWith(base) || !Files.isRegularFile(abs)) {
                continue;
            }
            String rel = base.relativize(abs).toString().replace('\\', '/');
            ObjectNode x = outputs.addObject();
            x.put("path", rel);
            x.put("bytes", size(abs));
            x.put("url", outputsUrl + rel);
        }
        ArrayNode issues = o.putArray("issues");
        if (summary != null) {
            issues(summary.issues()).forEach(issues::add);
        }
        return o;
    }

    static List<ObjectNode> issues(List<ValidationIssue> list) {
        List<ObjectNode> out = new ArrayList<>();
        for (ValidationIssue i : list) {
            ObjectNode x = JsonNodeFactory.instance.objectNode();
            if (i.node() == null) {
                x.putNull("node");
            } else {
                x.put("node", i.node().value());
            }
            x.put("field", i.field());
            x.put("code", i.code().id());
            x.put("severity", lower(i.severity()));
            x.put("message", i.message());
            out.add(x);
        }
        return out;
    }

    boolean matches(String statusFilter) {
        return statusFilter == null || statusFilter.isBlank() || statusFilter.equalsIgnoreCase(status());
    }

    static boolean isKnownStatus(String s) {
        if (s.equals("queued") || s.equals("running")) {
            return true;
        }
        for (RunStatus st : RunStatus.values()) {
            if (lower(st).equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode nodeJson(NodeId node, String state) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("at", Instant.now().toString());
        o.put("node", node.value());
        o.put("state", state);
        return o;
    }

    private static void putTime(ObjectNode o, String key, Instant t) {
        if (t == null) {
            o.putNull(key);
        } else {
            o.put(key, t.toString());
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}

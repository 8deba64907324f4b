package dev.flowlens.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.json.WorkflowFormatException;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.validation.ParameterOverrides;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.NodeSpecJson;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.api.Trigger;
import dev.flowlens.runtime.scheduler.ScheduleBook;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local HTTP API: submit runs of saved workflows or workflow documents with parameter overrides, follow them
 * over a WebSocket, fetch their output files, and read the node catalogue. Binds to 127.0.0.1 unless another
 * address is asked for; every endpoint but {@code /api/health} needs the bearer token from
 * {@code <data>/api-token}. Nothing listens until {@link #start}; {@link #close()} stops the server, cancels its
 * runs and, when the server opened its own runtime, closes that too.
 */
public final class ApiServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 8765;
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The folder under the data folder where each API run writes its outputs, one sub-folder per run id. */
    public static final String RUNS_FOLDER = "api-runs";

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> RUN_KEYS = Set.of("workflow", "document", "set");

    private final FlowLens flowLens;
    private final boolean ownsRuntime;
    private final ApiLimits limits;
    private final ApiToken token;
    private final WorkflowLibrary library;
    private final Path runsRoot;
    private final boolean loopback;
    private final PathGuard guard;
    private final Supplier<String> device;
    private final EventHub hub = new EventHub();
    private final RunBook book;
    private final String bind;
    private final ScheduleRoutes schedules;
    private Javalin app;
    private boolean closed;

    private ApiServer(FlowLens flowLens, boolean ownsRuntime, String bind, Path dataFolder, Path workflowsRoot,
                      ApiLimits limits, Supplier<String> device, ScheduleBook scheduleBook) throws IOException {
        this.flowLens = flowLens;
        this.ownsRuntime = ownsRuntime;
        this.bind = bind;
        this.limits = limits;
        this.device = device;
        this.token = ApiToken.loadOrCreate(dataFolder);
        this.library = new WorkflowLibrary(workflowsRoot);
        this.runsRoot = dataFolder.toAbsolutePath().normalize().resolve(RUNS_FOLDER);
        this.loopback = isLoopback(bind);
        this.guard = new PathGuard(limits.inputRoots().isEmpty() ? List.of(library.root()) : limits.inputRoots());
        this.book = new RunBook(flowLens, hub, limits, run -> record(scheduleBook, run));
        this.schedules = scheduleBook == null ? null : new ScheduleRoutes(scheduleBook, library);
    }

    /**
     * Opens a runtime on {@code dataFolder} and serves it; {@link #close()} closes both. {@code port} 0 picks a
     * free port ({@link #port()} tells which).
     */
    public static ApiServer start(int port, String bind, Path dataFolder, Path workflowsRoot, ApiLimits limits)
            throws IOException {
        FlowLens flowLens = FlowLens.open(RuntimeConfig.defaults().withDataFolder(dataFolder));
        try {
            return start(flowLens, true, port, bind, dataFolder, workflowsRoot, limits, () -> "cpu", null);
        } catch (IOException | RuntimeException e) {
            flowLens.close();
            throw e;
        }
    }

    /**
     * Serves a runtime someone else owns (the service, the desktop app); {@link #close()} leaves it open.
     * {@code device} names where models run for {@code /api/health} ("cpu", "gpu(0)").
     */
    public static ApiServer start(FlowLens flowLens, int port, String bind, Path dataFolder, Path workflowsRoot,
                                  ApiLimits limits, Supplier<String> device) throws IOException {
        return start(flowLens, false, port, bind, dataFolder, workflowsRoot, limits, device, null);
    }

    /**
     * As {@link #start(FlowLens, int, String, Path, Path, ApiLimits, Supplier)}, also serving
     * {@code /api/schedules} over {@code schedules} (owned by the caller, like the runtime).
     */
    public static ApiServer start(FlowLens flowLens, int port, String bind, Path dataFolder, Path workflowsRoot,
                                  ApiLimits limits, Supplier<String> device, ScheduleBook schedules) throws IOException {
        return start(flowLens, false, port, bind, dataFolder, workflowsRoot, limits, device, schedules);
    }

    private static ApiServer start(FlowLens flowLens, boolean owns, int port, String bind, Path dataFolder,
                                   Path workflowsRoot, ApiLimits limits, Supplier<String> device,
                                   ScheduleBook schedules) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        ApiServer server = new ApiServer(flowLens, owns, bind == null || bind.isBlank() ? DEFAULT_BIND : bind.strip(),
                dataFolder, workflowsRoot, limits, device, schedules);
        try {
            server.listen(port);
        } catch (RuntimeException e) {
            server.hub.close();
            throw e;
        }
        return server;
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    public String bindAddress() {
        return bind;
    }

    /** {@code http://127.0.0.1:8765}; a wildcard bind address is shown as loopback, where clients on this machine connect. */
    public URI baseUri() {
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** The file holding the bearer token clients send. */
    public Path tokenFile() {
        return token.file();
    }

    /** Whether file parameters are kept inside the configured roots (the server is reachable from other machines). */
    public boolean restrictsPaths() {
        return !loopback;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (app != null) {
            app.stop();
        }
        book.cancelAll();
        hub.close();
        if (ownsRuntime) {
            flowLens.close();
        }
    }

    // ------------------------------------------------------------------ routes

    private void listen(int port) {
        app = Javalin.create(config -> {
            config.jetty.host = bind;
            config.jetty.port = port;
            config.http.maxRequestSize = limits.maxRequestBytes();
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.before(this::guardRequest);
            config.routes.get("/api/health", this::health);
            config.routes.get("/api/nodes", ctx -> json(ctx, 200, NodeSpecJson.toJson(flowLens.catalog())));
            config.routes.get("/api/workflows", ctx -> json(ctx, 200, library.list()));
            config.routes.post("/api/runs", this::submit);
            config.routes.get("/api/runs", this::listRuns);
            config.routes.get("/api/runs/{id}", ctx -> json(ctx, 200, run(ctx).detail(outputsUrl(ctx.pathParam("id")))));
            config.routes.post("/api/runs/{id}/cancel", this::cancel);
            config.routes.get("/api/runs/{id}/outputs/<path>", this::output);
            config.routes.get("/api/schedules", ctx -> json(ctx, 200, schedules(ctx).list()));
            config.routes.post("/api/schedules", ctx -> json(ctx, 201, schedules(ctx).add(readBody(ctx))));
            config.routes.delete("/api/schedules/{id}", ctx -> json(ctx, 200, schedules(ctx).remove(ctx.pathParam("id"))));
            config.routes.get("/api/schedules/{id}/runs", ctx -> json(ctx, 200,
                    schedules(ctx).history(ctx.pathParam("id"), limit(ctx))));
            config.routes.wsBeforeUpgrade("/api/events", this::guardRequest);
            config.routes.ws("/api/events", this::events);
            config.routes.exception(ApiProblem.class, (e, ctx) -> {
                if (e.status() == 401) {
                    ctx.header("WWW-Authenticate", "Bearer");
                }
                json(ctx, e.status(), e.body());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                json(ctx, 500, error("internal error; the server log has the details"));
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
                    json(ctx, 404, error("no such endpoint or resource: " + ctx.method() + " " + ctx.path()));
                }
            });
        });
        app.start();
        LOG.info("FlowLens API listening on {} (token in {})", baseUri(), token.file());
    }

    /** Allow-list, then size, then token; health needs no token. Problems carry no detail beyond the status. */
    private void guardRequest(Context ctx) {
        if (!limits.allowedClients().isEmpty() && !limits.allowedClients().contains(ctx.req().getRemoteAddr())) {
            throw new ApiProblem(403, "forbidden");
        }
        long length = ctx.req().getContentLengthLong();
        if (length > limits.maxRequestBytes()) {
            throw new ApiProblem(413, "the request body is larger than " + limits.maxRequestBytes() + " bytes");
        }
        if (ctx.path().equals("/api/health")) {
            return;
        }
        if (!token.accepts(ctx.header("Authorization"))) {
            throw new ApiProblem(401, "unauthorized");
        }
    }

    private void health(Context ctx) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("status", "ok");
        String v = ApiServer.class.getPackage().getImplementationVersion();
        o.put("version", v == null ? "development build" : v);
        o.put("device", device.get());
        o.put("queued", book.queued());
        o.put("running", book.running());
        o.put("maxQueued", limits.maxQueuedRuns());
        o.put("maxRunning", limits.maxRunningRuns());
        json(ctx, 200, o);
    }

    private void submit(Context ctx) throws IOException {
        JsonNode body = readBody(ctx);
        if (!(body instanceof ObjectNode request)) {
            throw new ApiProblem(400, "expected a JSON object such as {\"workflow\": \"name\", \"set\": {\"node.param\": \"value\"}}");
        }
        for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!RUN_KEYS.contains(key)) {
                throw new ApiProblem(400, "unknown key \"" + WorkflowLibrary.abbreviate(key)
                        + "\"; a run request has \"workflow\" or \"document\", and optionally \"set\"");
            }
        }
        JsonNode saved = request.get("workflow");
        JsonNode document = request.get("document");
        if ((saved == null) == (document == null)) {
            throw new ApiProblem(400, "give either \"workflow\" (the name of a saved workflow) or \"document\" (a workflow "
                    + "as JSON), not both and not neither");
        }
        ParameterOverrides overrides = overrides(request.get("set"));

        Workflow workflow;
        Path workflowFile;
        String savedName = null;
        try {
            if (saved != null) {
                if (!saved.isTextual()) {
                    throw new ApiProblem(400, "\"workflow\" must be the name of a saved workflow, got " + kind(saved));
                }
                workflowFile = library.resolve(saved.asText());
                savedName = saved.asText().strip();
                workflow = WorkflowCodec.read(workflowFile);
            } else {
                workflow = WorkflowCodec.fromJson(document);
                // Relative input paths in a posted document resolve against the workflows root.
                workflowFile = library.root().resolve("posted-document.json");
            }
        } catch (WorkflowFormatException e) {
            throw new ApiProblem(400, error(e.getMessage()).put("pointer", e.pointer()));
        }

        ParameterOverrides.Result applied = overrides.apply(workflow, flowLens.catalog());
        List<ValidationIssue> issues = new ArrayList<>(applied.issues());
        if (applied.ok()) {
            issues.addAll(flowLens.validate(applied.workflow()));
        }
        if (issues.stream().anyMatch(ValidationIssue::isError)) {
            ObjectNode problem = error("the workflow cannot run: " + issues.stream().filter(ValidationIssue::isError).count()
                    + " problem(s)");
            ArrayNode list = problem.putArray("issues");
            ApiRun.issues(issues).forEach(list::add);
            throw new ApiProblem(400, problem);
        }

        String id = newRunId();
        Path runFolder = runsRoot.resolve(id);
        if (!loopback) {
            List<PathGuard.Problem> outside = guard.check(applied.workflow(), flowLens.catalog(),
                    workflowFile.getParent(), runFolder);
            if (!outside.isEmpty()) {
                ObjectNode problem = error("the workflow reads or writes files outside the folders this server allows");
                ArrayNode list = problem.putArray("issues");
                for (PathGuard.Problem p : outside) {
                    list.addObject().put("node", p.node()).put("field", p.field()).put("code", "path_outside_roots")
                            .put("severity", "error").put("message", p.message());
                }
                throw new ApiProblem(400, problem);
            }
        }

        RunRequest runRequest = RunRequest.of(workflow)
                .withWorkflowFile(workflowFile)
                .withOverrides(overrides)
                .withOutputFolder(runFolder)
                .withTrigger(Trigger.api(ctx.req().getRemoteAddr()));
        String name = workflow.name().isBlank() ? (savedName == null ? "workflow" : savedName) : workflow.name();
        ApiRun run = new ApiRun(id, name, savedName, overrides.redacted(workflow, flowLens.catalog()), runRequest, runFolder);
        book.submit(run);

        ObjectNode accepted = JsonNodeFactory.instance.objectNode();
        accepted.put("runId", id);
        accepted.put("status", run.status());
        accepted.put("url", "/api/runs/" + id);
        accepted.put("events", "/api/events?run=" + id);
        ArrayNode warnings = accepted.putArray("warnings");
        ApiRun.issues(issues).forEach(warnings::add);
        json(ctx, 202, accepted);
    }

    private static ParameterOverrides overrides(JsonNode set) {
        if (set == null || set.isNull()) {
            return ParameterOverrides.none();
        }
        if (!set.isObject()) {
            throw new ApiProblem(400, "\"set\" must be an object such as {\"load.path\": \"/data/a.jpg\"}, got " + kind(set));
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1 || key.indexOf('=') >= 0) {
                throw new ApiProblem(400, "\"set\" keys are node.param, got \"" + WorkflowLibrary.abbreviate(key) + "\"");
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                throw new ApiProblem(400, "\"set\": " + key + " has no value");
            }
            entries.put(key, v.isValueNode() ? v.asText() : v.toString());
        }
        return ParameterOverrides.of(entries);
    }

    private void listRuns(Context ctx) {
        String status = ctx.queryParam("status");
        if (status != null && !status.isBlank() && !ApiRun.isKnownStatus(status.strip())) {
            throw new ApiProblem(400, "status must be one of queued, running, succeeded, failed, cancelled, invalid, "
                    + "interrupted; got \"" + WorkflowLibrary.abbreviate(status) + "\"");
        }
        int limit = limit(ctx);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        book.list(status == null ? null : status.strip(), limit).forEach(r -> out.add(r.brief()));
        json(ctx, 200, out);
    }

    private static int limit(Context ctx) {
        String limitText = ctx.queryParam("limit");
        if (limitText == null || limitText.isBlank()) {
            return 50;
        }
        int limit;
        try {
            limit = Integer.parseInt(limitText.strip());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 1_000) {
            throw new ApiProblem(400, "limit must be a whole number between 1 and 1000, got \""
                    + WorkflowLibrary.abbreviate(limitText) + "\"");
        }
        return limit;
    }

    /** With a schedule store, API runs join the run history the app and flowlens schedule history show. */
    private static void record(ScheduleBook scheduleBook, ApiRun run) {
        if (scheduleBook == null) {
            return;
        }
        try {
            scheduleBook.store().insert(run.record(run.request().trigger().detail()));
        } catch (RuntimeException e) {
            LOG.warn("run {} could not be written to the run history: {}", run.id(), e.toString());
        }
    }

    private ScheduleRoutes schedules(Context ctx) {
        if (schedules == null) {
            throw new ApiProblem(404, "this server does not manage schedules; run flowlens service or flowlens serve");
        }
        return schedules;
    }

    private void cancel(Context ctx) {
        ApiRun run = run(ctx);
        if (!book.cancel(run)) {
            throw new ApiProblem(409, error("run " + run.id() + " has already finished").put("status", run.status()));
        }
        json(ctx, 202, JsonNodeFactory.instance.objectNode().put("runId", run.id()).put("status", run.status()));
    }

    private void output(Context ctx) throws IOException {
        ApiRun run = run(ctx);
        String rel = ctx.pathParam("path");
        Path base = run.runFolder().toAbsolutePath().normalize();
        Path target;
        try {
            target = base.resolve(rel).normalize();
        } catch (InvalidPathException e) {
            throw new ApiProblem(400, "not a valid file path");
        }
        // Only files inside the run's own folder, after following links: no "..", no absolute paths, no escapes.
        if (!target.startsWith(base) || !Files.isRegularFile(target)
                || !target.toRealPath().startsWith(base.toRealPath())) {
            throw new ApiProblem(404, "run " + run.id() + " has no output file \"" + WorkflowLibrary.abbreviate(rel) + "\"");
        }
        String type = Files.probeContentType(target);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(type == null ? "application/octet-stream" : type);
        InputStream in = Files.newInputStream(target);
        ctx.result(in);
    }

    private void events(WsConfig ws) {
        ws.onConnect(ctx -> {
            String run = ctx.queryParam("run");
            hub.subscribe(ctx, run == null || run.isBlank() ? null : run.strip());
        });
        ws.onClose(hub::unsubscribe);
        ws.onError(hub::unsubscribe);
    }

    // ------------------------------------------------------------------ helpers

    private ApiRun run(Context ctx) {
        String id = ctx.pathParam("id");
        return book.find(id).orElseThrow(() -> new ApiProblem(404, "no run " + WorkflowLibrary.abbreviate(id)
                + " on this server"));
    }

    private static String outputsUrl(String id) {
        return "/api/runs/" + id + "/outputs/";
    }

    private JsonNode readBody(Context ctx) throws IOException {
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxRequestBytes() + 1));
        }
        if (bytes.length > limits.maxRequestBytes()) {
            throw new ApiProblem(413, "the request body is larger than " + limits.maxRequestBytes() + " bytes");
        }
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new ApiProblem(400, "the request body is empty; expected a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new ApiProblem(400, "the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(body.toString());
    }

    private static ObjectNode error(String message) {
        return JsonNodeFactory.instance.objectNode().put("error", message);
    }

    private static String kind(JsonNode v) {
        return v.isTextual() ? "text" : v.isNumber() ? "a number" : v.isBoolean() ? "a boolean" : v.isArray() ? "a list"
                : v.isObject() ? "an object" : "null";
    }

    /** Sortable by time and readable in folder names: {@code 20261122-052000-3fa2c1}. */
    private static String newRunId() {
        return LocalDateTime.now().format(RUN_ID_TIME) + "-" + String.format("%06x", RANDOM.nextInt(0x1000000));
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot bind to \"" + address + "\": unknown host");
        }
    }
}

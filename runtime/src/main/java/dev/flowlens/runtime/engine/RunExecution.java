package dev.flowlens.runtime.engine;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.core.validation.ParameterOverrides;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.core.validation.WorkflowValidator;
import dev.flowlens.runtime.api.ModelUse;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.NodeResults;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.RunEvent;
import dev.flowlens.runtime.api.RunHandle;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunStatus;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.value.ItemError;
import dev.flowlens.runtime.value.Table;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: validation, then ready-set scheduling of the planned nodes on the runtime's shared workers.
 *
 * <p>A single coordinator thread owns all scheduling state; workers only execute nodes (or single elements of
 * a node that runs per element) and post what happened back to the coordinator's inbox. So no lock guards the
 * bookkeeping, nothing recurses over the graph, and a node waiting for its elements holds no worker thread.
 * Events are delivered one at a time per run, in the order they happen.
 */
final class RunExecution implements RunHandle {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);

    private final String runId;
    private final RunRequest request;
    private final RunListener listener;
    private final DefaultNodeRegistry registry;
    private final OutputCache cache;
    private final Executor workers;
    private final UnaryOperator<String> environment;
    private final Path inputFolder;
    private final Path outputFolder;
    private final dev.flowlens.runtime.api.RunInfo info;
    /** The nodes this run executes, with overrides applied, once it passed validation; null before. */
    private volatile List<NodeInstance> planned;
    private volatile dev.flowlens.runtime.api.RunInfo finalInfo;
    private final CompletableFuture<RunSummary> completion = new CompletableFuture<>();
    private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final Object eventLock = new Object();
    private volatile boolean cancelled;
    /**
     * Set when a worker ran out of memory (or hit another JVM error) outside a node's own handling: its answer to
     * the coordinator may be lost, so the run ends at once instead of waiting for it.
     */
    private volatile VirtualMachineError fatal;
    /** Wakes the coordinator after a fatal error; made in advance, since nothing may be allocatable then. */
    private static final Runnable WAKE = () -> { };

    // Coordinator-thread state.
    private final Map<NodeId, NodeResult> results = new LinkedHashMap<>();
    private final Map<NodeId, String> keys = new HashMap<>();
    private final Map<NodeId, String> rootFailure = new HashMap<>();
    private final Map<NodeId, List<Path>> files = new LinkedHashMap<>();
    private final Set<NodeId> startedNodes = new LinkedHashSet<>();
    /** Nodes running per element whose elements have not all answered; their collected outputs can be many images. */
    private final List<FanOut> unfinishedFanOuts = new ArrayList<>();
    private final Set<NodeId> justFinished = new LinkedHashSet<>();
    private int running;

    RunExecution(String runId, RunRequest request, RunListener listener, DefaultNodeRegistry registry, OutputCache cache,
                 Executor workers, UnaryOperator<String> environment) {
        this.runId = runId;
        this.request = request;
        this.listener = listener == null ? RunListener.NONE : listener;
        this.registry = registry;
        this.cache = cache;
        this.workers = workers;
        this.environment = environment;
        Path base = request.workflowFileOpt()
                .map(f -> f.toAbsolutePath().getParent())
                .orElse(Path.of("").toAbsolutePath());
        this.inputFolder = base;
        this.outputFolder = request.outputFolder() != null
                ? RunNodeContext.resolve(Path.of("").toAbsolutePath(), request.outputFolder().toString())
                : base.resolve("flowlens-out").resolve(runId);
        this.info = WorkflowDigest.of(runId, request);
    }

    /**
     * The run's audit identity. The models are read from the store when asked (report nodes stamping rows, the
     * audit after the run), so a bundled model installed by this run's first use is named too; once the run has
     * ended they are fixed.
     */
    @Override
    public dev.flowlens.runtime.api.RunInfo info() {
        dev.flowlens.runtime.api.RunInfo done = finalInfo;
        if (done != null) {
            return done;
        }
        List<NodeInstance> nodes = planned;
        return nodes == null ? info : info.withModels(modelsOf(nodes));
    }

    /** The stored model of every node that uses one, by node id in the workflow's order. */
    private Map<String, ModelUse> modelsOf(List<NodeInstance> nodes) {
        Map<String, ModelUse> models = new LinkedHashMap<>();
        for (NodeInstance node : nodes) {
            Optional<NodeType> type = registry.nodeType(node.type());
            if (type.isEmpty()) {
                continue;
            }
            try {
                type.get().model(new Params(type.get().spec(), node.params()))
                        .ifPresent(m -> models.put(node.id().value(), m));
            } catch (RuntimeException e) {
                LOG.debug("run {}: which model node {} uses could not be read", runId, node.id(), e);
            }
        }
        return models;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public void cancel() {
        cancelled = true;
        inbox.add(() -> { });
    }

    @Override
    public CompletableFuture<RunSummary> completion() {
        return completion;
    }

    boolean isCancelled() {
        return cancelled;
    }

    Path inputFolder() {
        return inputFolder;
    }

    Path outputFolder() {
        return outputFolder;
    }

    UnaryOperator<String> environment() {
        return environment;
    }

    Optional<Instant> lastSuccessfulRun() {
        return request.lastSuccessfulRunOpt();
    }

    // ------------------------------------------------------------------ the coordinator

    /** The body of the run's coordinator thread. */
    void coordinate() {
        Instant startedAt = Instant.now();
        Workflow workflow = request.workflow();
        Plan plan = null;
        try {
            ParameterOverrides.Result applied = request.overrides().apply(workflow, registry);
            List<ValidationIssue> issues = new ArrayList<>(applied.issues());
            issues.addAll(WorkflowValidator.validate(applied.workflow(), registry));
            if (issues.stream().anyMatch(ValidationIssue::isError)) {
                emit(new RunEvent.RunStarted(runId, workflow.name(), workflow.nodes().stream().map(NodeInstance::id).toList(),
                        request.trigger(), startedAt));
                for (ValidationIssue issue : issues) {
                    emit(new RunEvent.Log(runId, issue.node(), issue.toString(), Instant.now()));
                }
                finish(startedAt, RunStatus.INVALID, null, issues);
                return;
            }
            plan = Plan.of(applied.workflow(), registry, request.runUpTo());
            Plan scheduled = plan;
            planned = applied.workflow().nodes().stream().filter(n -> scheduled.steps().containsKey(n.id())).toList();
            schedule(plan, startedAt, issues);
        } catch (Throwable t) {
            cancelled = true; // nodes still on workers stop at their next check
            if (t instanceof VirtualMachineError) {
                try {
                    freeMemory(); // before anything below allocates
                } catch (VirtualMachineError stillShort) {
                    // What could be dropped is dropped; the answer below is attempted all the same.
                }
            }
            try {
                LOG.error("run {} stopped on an internal error", runId, t);
                if (plan != null) {
                    abandon(plan.steps(), "internal error: " + describe(t));
                }
                emit(new RunEvent.Log(runId, null, "internal error: " + describe(t), Instant.now()));
                finish(startedAt, RunStatus.FAILED, null, List.of());
            } catch (Throwable again) {
                // Still short of memory: the nodes' outputs go, so that the answer below can be made.
                results.clear();
            } finally {
                // Whatever happened, whoever waits for this run gets an answer.
                for (int attempt = 0; !completion.isDone() && attempt < 3; attempt++) {
                    try {
                        completion.complete(new RunSummary(runId, workflow.name(), request.trigger(), RunStatus.FAILED,
                                startedAt, Instant.now(), results, 0, 0, 0, List.of(), List.of()));
                    } catch (Throwable again) {
                        results.clear();
                    }
                }
            }
        }
    }

    private void schedule(Plan plan, Instant startedAt, List<ValidationIssue> warnings) {
        Map<NodeId, Plan.Step> steps = plan.steps();
        emit(new RunEvent.RunStarted(runId, request.workflow().name(), List.copyOf(steps.keySet()), request.trigger(),
                startedAt));
        for (ValidationIssue w : warnings) {
            emit(new RunEvent.Log(runId, w.node(), w.toString(), Instant.now()));
        }
        for (NodeId id : plan.excluded()) {
            finishNode(id, new NodeResult.Skipped("not needed for " + names(request.runUpTo())));
        }
        for (NodeId id : steps.keySet()) {
            emit(new RunEvent.NodeStateChanged(runId, id, NodeState.QUEUED, 0, 0, "", Instant.now()));
        }

        Map<NodeId, Integer> waiting = new HashMap<>();
        Deque<NodeId> ready = new ArrayDeque<>();
        for (Plan.Step s : steps.values()) {
            waiting.put(s.id(), s.upstream().size());
            if (s.upstream().isEmpty()) {
                ready.add(s.id());
            }
        }
        int remaining = steps.size();
        Set<NodeId> done = new LinkedHashSet<>();
        while (remaining > 0) {
            if (cancelled) {
                remaining -= cancelNodes(steps, false);
                ready.clear();
                if (running == 0) {
                    break;
                }
            }
            while (!cancelled && !ready.isEmpty()) {
                Plan.Step step = steps.get(ready.poll());
                Optional<NodeResult> blocked = blockedBy(step);
                if (blocked.isPresent()) {
                    finishNode(step.id(), blocked.get());
                    remaining--;
                    release(step, waiting, ready);
                } else {
                    start(step);
                }
            }
            if (remaining == 0) {
                break;
            }
            if (running == 0 && ready.isEmpty() && !cancelled) {
                throw new IllegalStateException("nothing runs and nothing is ready, but " + remaining + " nodes remain");
            }
            try {
                // Polled, not taken: a worker that ran out of memory may not even manage to post its wake-up.
                Runnable next = inbox.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (next != null) {
                    next.run();
                }
            } catch (InterruptedException e) {
                // The runtime is closing and stopped waiting for this run: end every node that has not ended.
                Thread.currentThread().interrupt();
                cancelled = true;
                cancelNodes(steps, true);
                break;
            }
            for (NodeId id : List.copyOf(justFinished)) {
                justFinished.remove(id);
                if (done.add(id)) {
                    remaining--;
                    running--;
                    release(steps.get(id), waiting, ready);
                }
            }
            if (fatal != null) {
                abandon(steps, describe(fatal));
                break;
            }
        }
        RunStatus status = fatal != null ? RunStatus.FAILED : cancelled ? RunStatus.CANCELLED
                : results.values().stream().anyMatch(r -> r instanceof NodeResult.Failed) ? RunStatus.FAILED
                : RunStatus.SUCCEEDED;
        finish(startedAt, status, plan, warnings);
    }

    /**
     * Ends the run after a fatal JVM error (on a worker, or the coordinator's own): memory is given back
     * ({@link #freeMemory}), nodes that had started fail with a message that says what happened and what to do,
     * the others are cancelled.
     */
    private void abandon(Map<NodeId, Plan.Step> steps, String message) {
        freeMemory();
        for (NodeId id : steps.keySet()) {
            if (!results.containsKey(id)) {
                finishNode(id, startedNodes.contains(id) ? new NodeResult.Failed(message, "", 0) : new NodeResult.Cancelled());
            }
        }
        LOG.error("run {} ended: {}", runId, message);
    }

    /** Drops what a run abandoned for lack of memory holds: queued answers, cached outputs, half-collected lists. */
    private void freeMemory() {
        inbox.clear();
        cache.clear();
        // Indexed, not iterated: an iterator is an allocation, and there may be no memory for one.
        for (int i = 0; i < unfinishedFanOuts.size(); i++) {
            unfinishedFanOuts.get(i).drop();
        }
        unfinishedFanOuts.clear();
    }

    /** A worker task that lets nothing escape: a fatal error ends the run instead of killing an answer. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (VirtualMachineError e) {
                if (fatal == null) {
                    fatal = e;
                }
                cancelled = true;
                try {
                    inbox.offer(WAKE);
                } catch (VirtualMachineError stillShort) {
                    // The coordinator polls; it sees the error within half a second anyway.
                }
            }
        };
    }

    private static void release(Plan.Step step, Map<NodeId, Integer> waiting, Deque<NodeId> ready) {
        for (NodeId next : step.downstream()) {
            if (waiting.merge(next, -1, Integer::sum) == 0) {
                ready.add(next);
            }
        }
    }

    /** Ends nodes as cancelled: those not started, or (when the run is abandoned) every one not ended; returns how many. */
    private int cancelNodes(Map<NodeId, Plan.Step> steps, boolean startedToo) {
        int n = 0;
        for (NodeId id : steps.keySet()) {
            if (!results.containsKey(id) && (startedToo || !startedNodes.contains(id))) {
                finishNode(id, new NodeResult.Cancelled());
                n++;
            }
        }
        return n;
    }

    /** Skipped or cancelled because of an upstream node, or empty when the node may run. */
    private Optional<NodeResult> blockedBy(Plan.Step step) {
        for (NodeId up : step.upstream()) {
            NodeResult r = results.get(up);
            if (r instanceof NodeResult.Cancelled) {
                return Optional.of(new NodeResult.Cancelled());
            }
            if (r instanceof NodeResult.Failed || r instanceof NodeResult.Skipped) {
                String root = rootFailure.getOrDefault(up, up.value());
                rootFailure.put(step.id(), root);
                return Optional.of(new NodeResult.Skipped("upstream failed: " + root));
            }
        }
        return Optional.empty();
    }

    private void start(Plan.Step step) {
        startedNodes.add(step.id());
        running++;
        if (step.problem().isPresent()) {
            emit(new RunEvent.NodeStateChanged(runId, step.id(), NodeState.RUNNING, 0, 0, "", Instant.now()));
            post(step, new NodeResult.Failed(step.problem().get(), "", 0), null, List.of());
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> upstreamKeys = new ArrayList<>();
        for (Plan.Wire w : step.wires()) {
            Object v = outputsOf(results.get(w.from())).get(w.output());
            if (w.mode() == Plan.Mode.WRAP && !(v instanceof List<?>)) {
                v = Collections.singletonList(v);
            }
            values.put(w.input(), w.mode() == Plan.Mode.FAN_OUT ? v : PortValues.widen(inputType(step, w.input()), v));
            upstreamKeys.add(w.input() + "<-" + keys.get(w.from()) + "/" + w.output());
        }
        RunNodeContext context = new RunNodeContext(this, step.id(), step.label(),
                (d, t) -> {
                    if (!step.fansOut()) {
                        emit(new RunEvent.NodeStateChanged(runId, step.id(), NodeState.RUNNING, d, t, "", Instant.now()));
                    }
                },
                message -> emit(new RunEvent.Log(runId, step.id(), message, Instant.now())));
        submit(step, () -> {
            try {
                prepare(step, context, values, upstreamKeys);
            } catch (RuntimeException | Error e) {
                // A bug outside the node's own code: the node still ends, so the run never waits forever.
                post(step, failure(step, e, 0), null, List.of());
            }
        });
    }

    private static PortType inputType(Plan.Step step, String input) {
        return step.spec().input(input).map(InputSpec::type).orElse(PortType.ANY);
    }

    private static Map<String, Object> outputsOf(NodeResult r) {
        if (r instanceof NodeResult.Succeeded s) {
            return s.outputs();
        }
        if (r instanceof NodeResult.Cached c) {
            return c.outputs();
        }
        throw new IllegalStateException("no outputs in " + r);
    }

    private void submit(Plan.Step step, Runnable task) {
        try {
            workers.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            cancelled = true;
            post(step, new NodeResult.Cancelled(), null, List.of());
        }
    }

    /** Hands a node's end to the coordinator. */
    private void post(Plan.Step step, NodeResult result, String key, List<Path> recorded) {
        inbox.add(() -> {
            if (key != null) {
                keys.put(step.id(), key);
            }
            files.put(step.id(), recorded);
            if (result instanceof NodeResult.Failed f) {
                rootFailure.put(step.id(), step.label());
                LOG.debug("{}: {}", step.label(), f.message());
            }
            finishNode(step.id(), result);
            justFinished.add(step.id());
        });
    }

    private void finishNode(NodeId id, NodeResult result) {
        results.put(id, result);
        emit(new RunEvent.NodeStateChanged(runId, id, result.state(), NodeResults.okItems(result),
                NodeResults.items(result), messageOf(result), Instant.now()));
        emit(new RunEvent.NodeFinished(runId, id, result, Instant.now()));
    }

    private static String messageOf(NodeResult r) {
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

    // ------------------------------------------------------------------ on a worker

    /** Checks paths, computes the cache key, serves from the cache or executes (or asks for per-element runs). */
    private void prepare(Plan.Step step, RunNodeContext context, Map<String, Object> values, List<String> upstreamKeys) {
        long t0 = System.nanoTime();
        if (cancelled) {
            post(step, new NodeResult.Cancelled(), null, List.of());
            return;
        }
        // Running from the moment a worker picks the node up; until then it is still queued behind other work.
        emit(new RunEvent.NodeStateChanged(runId, step.id(), NodeState.RUNNING, 0, 0, "", Instant.now()));
        Params params = new Params(step.spec(), step.node().params());
        String key;
        try {
            Optional<String> missing = checkPaths(step, params, context);
            if (missing.isPresent()) {
                post(step, new NodeResult.Failed(missing.get(), "", millisSince(t0)), null, List.of());
                return;
            }
            key = cacheKey(step, params, context, upstreamKeys);
        } catch (Exception | LinkageError e) {
            post(step, failure(step, e, millisSince(t0)), null, List.of());
            return;
        }
        if (cacheable(step)) {
            Optional<OutputCache.Entry> hit = cache.get(key);
            if (hit.isPresent()) {
                OutputCache.Entry e = hit.get();
                post(step, new NodeResult.Cached(e.outputs(), e.items(), e.itemErrors()), key, e.files());
                return;
            }
        }
        if (step.fansOut()) {
            inbox.add(() -> fanOut(step, context, params, values, key, t0));
            return;
        }
        NodeResult result;
        try {
            Map<String, Object> outputs = checkedOutputs(step, step.type().execute(new NodeInput(values, params), context));
            result = new NodeResult.Succeeded(outputs, millisSince(t0), 1, List.of());
            store(step, key, outputs, 1, List.of(), context.recordedFiles());
        } catch (CancellationException e) {
            result = new NodeResult.Cancelled();
        } catch (Exception | LinkageError | StackOverflowError e) {
            result = failure(step, e, millisSince(t0));
        }
        post(step, result, key, context.recordedFiles());
    }

    private boolean cacheable(Plan.Step step) {
        return step.spec().isDeterministic() && !step.spec().isOutputNode();
    }

    private void store(Plan.Step step, String key, Map<String, Object> outputs, int items, List<ItemError> errors,
                       List<Path> recorded) {
        if (cacheable(step)) {
            cache.put(key, outputs, items, errors, recorded);
        }
    }

    private static Map<String, Object> checkedOutputs(Plan.Step step, Map<String, Object> returned) {
        if (returned == null) {
            throw new IllegalStateException("execute returned nothing; expected outputs "
                    + step.spec().outputs().stream().map(OutputSpec::name).toList());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (OutputSpec o : step.spec().outputs()) {
            Object v = returned.get(o.name());
            if (v == null) {
                throw new IllegalStateException("execute returned no value for output \"" + o.name() + "\"");
            }
            Optional<String> problem = PortValues.problem(o.type(), v);
            if (problem.isPresent()) {
                throw new IllegalStateException("output \"" + o.name() + "\" " + problem.get());
            }
            out.put(o.name(), v);
        }
        return out;
    }

    /** The generic pre-check: path parameters that must exist do, and are of the right kind. */
    private static Optional<String> checkPaths(Plan.Step step, Params params, RunNodeContext context) {
        for (ParamSpec p : step.spec().params()) {
            if (!(p instanceof ParamSpec.PathParam path) || !path.mustExist()) {
                continue;
            }
            String text = params.text(p.name());
            if (text.isBlank()) {
                continue;
            }
            Path resolved = context.resolveInput(text);
            String kind = path.pathKind() == ParamSpec.PathParam.PathKind.FILE ? "file" : "folder";
            if (!Files.exists(resolved)) {
                return Optional.of(step.label() + ": " + kind + " " + resolved + " does not exist");
            }
            boolean rightKind = path.pathKind() == ParamSpec.PathParam.PathKind.FILE
                    ? Files.isRegularFile(resolved) : Files.isDirectory(resolved);
            if (!rightKind) {
                return Optional.of(step.label() + ": " + resolved + " is a "
                        + (Files.isDirectory(resolved) ? "folder" : "file") + ", expected a " + kind);
            }
            if (!Files.isReadable(resolved)) {
                return Optional.of(step.label() + ": " + kind + " " + resolved + " cannot be read (permissions)");
            }
        }
        return Optional.empty();
    }

    private String cacheKey(Plan.Step step, Params params, RunNodeContext context, List<String> upstreamKeys)
            throws Exception {
        if (!step.spec().isDeterministic()) {
            return "run:" + runId + ":" + step.id(); // a new answer every run, so dependants never match old keys
        }
        StringBuilder sb = new StringBuilder();
        sb.append(step.spec().typeId()).append('\n').append(step.spec().version()).append('\n');
        for (Map.Entry<String, ParamValue> e : params.values().entrySet()) {
            sb.append(e.getKey()).append('=').append(canonical(step, e.getKey(), e.getValue(), context)).append('\n');
        }
        sb.append("fingerprint=").append(step.type().fingerprint(params, context)).append('\n');
        upstreamKeys.forEach(k -> sb.append(k).append('\n'));
        return sha256(sb.toString());
    }

    private static String canonical(Plan.Step step, String name, ParamValue v, RunNodeContext context) {
        if (v instanceof ParamValue.Text t) {
            boolean inputPath = step.spec().param(name)
                    .map(p -> p instanceof ParamSpec.PathParam pp && pp.mustExist()).orElse(false);
            return "t:" + (inputPath && !t.value().isBlank() ? context.resolveInput(t.value()).toString() : t.value());
        }
        if (v instanceof ParamValue.Int i) {
            return "i:" + i.value();
        }
        if (v instanceof ParamValue.Num n) {
            return "n:" + Double.toString(n.value());
        }
        if (v instanceof ParamValue.Bool b) {
            return "b:" + b.value();
        }
        if (v instanceof ParamValue.Secret s) {
            return "s:" + s.ref();
        }
        if (v instanceof ParamValue.Json j) {
            return "j:" + j.value();
        }
        return "?:" + v.describe();
    }

    private static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    // ------------------------------------------------------------------ per-element runs

    /** Elements of a node that runs once per element; only the coordinator touches it. */
    private final class FanOut {
        final Plan.Step step;
        final int size;
        final Object[][] outputs;
        final List<String> outputNames;
        final ItemError[] originated;
        int done;
        boolean anyCancelled;

        FanOut(Plan.Step step, int size) {
            this.step = step;
            this.size = size;
            this.outputNames = step.spec().outputs().stream().map(OutputSpec::name).toList();
            this.outputs = new Object[outputNames.size()][size];
            this.originated = new ItemError[size];
        }

        void put(int index, Map<String, Object> values) {
            for (int o = 0; o < outputNames.size(); o++) {
                outputs[o][index] = values.get(outputNames.get(o));
            }
        }

        void error(int index, ItemError e, boolean here) {
            for (int o = 0; o < outputNames.size(); o++) {
                outputs[o][index] = e;
            }
            if (here) {
                originated[index] = e;
            }
        }

        Map<String, Object> lists() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int o = 0; o < outputNames.size(); o++) {
                out.put(outputNames.get(o), Collections.unmodifiableList(Arrays.asList(outputs[o])));
            }
            return out;
        }

        List<ItemError> errors() {
            return Arrays.stream(originated).filter(e -> e != null).toList();
        }

        /** Lets go of the elements' outputs of a node that will never complete (the run was abandoned). */
        void drop() {
            for (int o = 0; o < outputs.length; o++) {
                Arrays.fill(outputs[o], null);
            }
        }
    }

    private void fanOut(Plan.Step step, RunNodeContext context, Params params, Map<String, Object> values, String key,
                        long t0) {
        List<String> fanned = step.wires().stream().filter(w -> w.mode() == Plan.Mode.FAN_OUT).map(Plan.Wire::input).toList();
        int size = -1;
        String first = null;
        for (String input : fanned) {
            Object v = values.get(input);
            if (!(v instanceof List<?> list)) {
                post(step, new NodeResult.Failed("internal error: IllegalStateException: input \"" + input
                        + "\" expected a list, got " + (v == null ? "nothing" : v.getClass().getSimpleName()), "",
                        millisSince(t0)), key, List.of());
                return;
            }
            if (size >= 0 && list.size() != size) {
                post(step, new NodeResult.Failed(step.label() + ": inputs \"" + first + "\" (" + size + " items) and \""
                        + input + "\" (" + list.size() + " items) must have the same number of items", "",
                        millisSince(t0)), key, List.of());
                return;
            }
            size = list.size();
            first = first == null ? input : first;
        }
        FanOut state = new FanOut(step, size);
        unfinishedFanOuts.add(state);
        if (size == 0) {
            completeFanOut(state, context, key, t0);
            return;
        }
        for (int i = 0; i < size; i++) {
            Map<String, Object> element = new LinkedHashMap<>(values);
            ItemError carried = null;
            for (String input : fanned) {
                Object v = ((List<?>) values.get(input)).get(i);
                if (v instanceof ItemError e && carried == null) {
                    carried = e;
                }
                element.put(input, PortValues.widen(inputType(step, input), v));
            }
            String item = itemName(element.get(fanned.get(0)), i);
            int index = i;
            if (carried != null) {
                ItemError e = carried;
                inbox.add(() -> elementDone(state, index, null, e, false, context, key, t0));
                continue;
            }
            try {
                workers.execute(guarded(() -> {
                    try {
                        runElement(state, index, item, element, params, context, key, t0);
                    } catch (RuntimeException | Error e) {
                        ItemError err = new ItemError(item, step.label(), "internal error: " + describe(e));
                        inbox.add(() -> elementDone(state, index, null, err, true, context, key, t0));
                    }
                }));
            } catch (RejectedExecutionException ex) {
                cancelled = true;
                inbox.add(() -> elementCancelled(state, context, key, t0));
            }
        }
    }

    private void runElement(FanOut state, int index, String item, Map<String, Object> element, Params params,
                            RunNodeContext context, String key, long t0) {
        if (cancelled) {
            inbox.add(() -> elementCancelled(state, context, key, t0));
            return;
        }
        Plan.Step step = state.step;
        try {
            Map<String, Object> out = checkedOutputs(step, step.type().execute(new NodeInput(element, params), context));
            inbox.add(() -> elementDone(state, index, out, null, false, context, key, t0));
        } catch (CancellationException e) {
            inbox.add(() -> elementCancelled(state, context, key, t0));
        } catch (NodeFailure e) {
            ItemError err = new ItemError(item, step.label(), String.valueOf(e.getMessage()));
            inbox.add(() -> elementDone(state, index, null, err, true, context, key, t0));
        } catch (Exception | LinkageError | StackOverflowError e) {
            LOG.warn("{}: item {} failed on an internal error", step.label(), item, e);
            ItemError err = new ItemError(item, step.label(), "internal error: " + describe(e));
            inbox.add(() -> elementDone(state, index, null, err, true, context, key, t0));
        }
    }

    private void elementCancelled(FanOut state, RunNodeContext context, String key, long t0) {
        state.anyCancelled = true;
        state.done++;
        if (state.done == state.size) {
            completeFanOut(state, context, key, t0);
        }
    }

    private void elementDone(FanOut state, int index, Map<String, Object> out, ItemError error, boolean here,
                             RunNodeContext context, String key, long t0) {
        if (error != null) {
            state.error(index, error, here);
        } else {
            state.put(index, out);
        }
        state.done++;
        emit(new RunEvent.NodeStateChanged(runId, state.step.id(), NodeState.RUNNING, state.done, state.size,
                here ? error.item() + ": " + error.message() : "", Instant.now()));
        if (state.done == state.size) {
            completeFanOut(state, context, key, t0);
        }
    }

    private void completeFanOut(FanOut state, RunNodeContext context, String key, long t0) {
        unfinishedFanOuts.remove(state);
        if (state.anyCancelled) {
            post(state.step, new NodeResult.Cancelled(), key, context.recordedFiles());
            return;
        }
        Map<String, Object> outputs = state.lists();
        List<ItemError> errors = state.errors();
        store(state.step, key, outputs, state.size, errors, context.recordedFiles());
        post(state.step, new NodeResult.Succeeded(outputs, millisSince(t0), state.size, errors), key,
                context.recordedFiles());
    }

    /** What a failed element is called in reports: the image or file name, else its position. */
    private static String itemName(Object value, int index) {
        if (value instanceof ImageValue img) {
            return img.name();
        }
        if (value instanceof Path p && p.getFileName() != null) {
            return p.getFileName().toString();
        }
        return "item " + (index + 1);
    }

    // ------------------------------------------------------------------ the end

    private void finish(Instant startedAt, RunStatus status, Plan plan, List<ValidationIssue> issues) {
        finalInfo = info();
        int[] items = plan == null ? new int[2] : countItems(plan);
        int itemsOk = items[0];
        int itemsFailed = items[1];
        if (status == RunStatus.SUCCEEDED && itemsFailed > 0) {
            status = RunStatus.FAILED;
        }
        // Results and files in the workflow's node order, so summaries and history read the same every time.
        Map<NodeId, NodeResult> ordered = new LinkedHashMap<>();
        List<Path> outputFiles = new ArrayList<>();
        for (NodeInstance node : request.workflow().nodes()) {
            NodeResult r = results.get(node.id());
            if (r != null) {
                ordered.put(node.id(), r);
            }
            outputFiles.addAll(files.getOrDefault(node.id(), List.of()));
        }
        RunSummary summary = new RunSummary(runId, request.workflow().name(), request.trigger(), status, startedAt,
                Instant.now(), ordered, itemsOk, itemsFailed, countFlagged(ordered), outputFiles.stream().distinct().toList(), issues);
        emit(new RunEvent.RunFinished(runId, summary, summary.finishedAt()));
        completion.complete(summary);
    }

    /**
     * The rows that nodes flagging items (a moderation verdict) put on their {@code flagged} output, served from
     * the cache or not; a node that ran per item contributes the rows of every item's table.
     */
    private int countFlagged(Map<NodeId, NodeResult> ordered) {
        int flagged = 0;
        for (NodeInstance node : request.workflow().nodes()) {
            if (!registry.find(node.type()).map(NodeSpec::flagsItems).orElse(false)) {
                continue;
            }
            NodeResult r = ordered.get(node.id());
            if (r instanceof NodeResult.Succeeded s) {
                flagged += rows(s.outputs().get(NodeSpec.FLAGGED_OUTPUT));
            } else if (r instanceof NodeResult.Cached c) {
                flagged += rows(c.outputs().get(NodeSpec.FLAGGED_OUTPUT));
            }
        }
        return flagged;
    }

    private static int rows(Object value) {
        if (value instanceof Table t) {
            return t.size();
        }
        if (value instanceof List<?> list) {
            return list.stream().mapToInt(RunExecution::rows).sum();
        }
        return 0;
    }

    /**
     * Items ok and failed over the whole run. Lists that come from the same root list are index-aligned, so
     * an item is one index of a root: failed when any node that ran over it left an ItemError there, ok when
     * it came out of a per-element chain that ended successfully without one. Each item counts once, however
     * many branches handled it.
     */
    private int[] countItems(Plan plan) {
        Map<PortRef, Set<Integer>> failed = new LinkedHashMap<>();
        Map<PortRef, Integer> size = new HashMap<>();
        Map<PortRef, Boolean> anyEndSucceeded = new HashMap<>();
        plan.roots().forEach((node, root) -> {
            NodeResult r = results.get(node);
            Optional<Object> first = NodeResults.outputs(r == null ? new NodeResult.Cancelled() : r).values().stream()
                    .findFirst();
            if (first.isEmpty() || !(first.get() instanceof List<?> list)) {
                return;
            }
            size.merge(root, list.size(), Math::max);
            Set<Integer> bad = failed.computeIfAbsent(root, k -> new java.util.TreeSet<>());
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof ItemError) {
                    bad.add(i);
                }
            }
            if (plan.chainEnds().contains(node)) {
                anyEndSucceeded.put(root, true);
            }
        });
        int ok = 0;
        int bad = 0;
        for (Map.Entry<PortRef, Integer> e : size.entrySet()) {
            int failedHere = failed.getOrDefault(e.getKey(), Set.of()).size();
            bad += failedHere;
            if (anyEndSucceeded.getOrDefault(e.getKey(), false)) {
                ok += e.getValue() - failedHere;
            }
        }
        return new int[] {ok, bad};
    }

    void emit(RunEvent event) {
        synchronized (eventLock) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | Error e) {
                // A listener must never stop a run, whatever it throws.
                LOG.warn("run {}: a listener failed on {} and was ignored", runId, event.getClass().getSimpleName(), e);
            }
        }
    }

    // ------------------------------------------------------------------ small helpers

    private static NodeResult.Failed failure(Plan.Step step, Throwable e, long millis) {
        if (e instanceof NodeFailure f) {
            return new NodeResult.Failed(String.valueOf(f.getMessage()), "", millis);
        }
        LOG.warn("{} failed on an internal error", step.label(), e);
        return new NodeResult.Failed("internal error: " + describe(e), stackTrace(e), millis);
    }

    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of Java heap memory (" + e.getMessage() + "): FlowLens may use "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB and a run keeps its outputs until it ends; "
                    + "give it more (FLOWLENS_JAVA_OPTS=-Xmx4g) or run fewer items at a time";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String stackTrace(Throwable e) {
        StringWriter sw = new StringWriter();
        e.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String names(Set<NodeId> ids) {
        return String.join(", ", ids.stream().map(NodeId::value).sorted().toList());
    }
}

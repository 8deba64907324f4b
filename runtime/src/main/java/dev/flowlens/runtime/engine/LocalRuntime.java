package dev.flowlens.runtime.engine;

import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.core.validation.WorkflowValidator;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.inference.ModelCache;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RunHandle;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RuntimeConfig;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process runtime behind {@link FlowLens#open}: the node registry, one pool of worker threads that
 * every run shares (so {@link RuntimeConfig#parallelism()} bounds node and per-item executions together), the
 * output cache, and the runs in progress.
 */
public final class LocalRuntime implements FlowLens {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RuntimeConfig config;
    private final DefaultNodeRegistry registry;
    private final OutputCache cache;
    private final ExecutorService workers;
    private final ExecutorService coordinators;
    private final Set<RunExecution> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LocalRuntime(RuntimeConfig config, DefaultNodeRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.cache = new OutputCache(config.cacheMaxEntries(), config.cacheMaxBytes());
        this.workers = Executors.newFixedThreadPool(config.parallelism(), daemons("flowlens-worker-"));
        this.coordinators = Executors.newCachedThreadPool(daemons("flowlens-run-"));
        // Model nodes find the model store and DJL's native cache under the same data folder.
        Engines.configure(config.dataFolder());
    }

    /** A runtime with every node type on the class path. */
    public static LocalRuntime open(RuntimeConfig config) {
        return new LocalRuntime(config, DefaultNodeRegistry.load());
    }

    /** A runtime with exactly these node types; for tests and embedding. */
    public static LocalRuntime open(RuntimeConfig config, DefaultNodeRegistry registry) {
        return new LocalRuntime(config, registry);
    }

    public RuntimeConfig config() {
        return config;
    }

    @Override
    public DefaultNodeRegistry catalog() {
        return registry;
    }

    @Override
    public List<ValidationIssue> validate(Workflow workflow) {
        return WorkflowValidator.validate(workflow, registry);
    }

    /** {@inheritDoc} Throws {@link IllegalArgumentException} when {@code runUpTo} names a node the workflow lacks. */
    @Override
    public RunHandle start(RunRequest request, RunListener listener) {
        if (closed) {
            throw new IllegalStateException("this FlowLens runtime is closed");
        }
        List<String> unknown = request.runUpTo().stream().filter(id -> request.workflow().node(id).isEmpty())
                .map(id -> id.value()).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("runUpTo names nodes that are not in the workflow: "
                    + String.join(", ", unknown));
        }
        RunExecution run = new RunExecution(newRunId(), request, listener, registry, cache, workers, config.environment());
        active.add(run);
        run.completion().whenComplete((s, e) -> active.remove(run));
        try {
            coordinators.execute(() -> coordinate(run));
        } catch (RejectedExecutionException e) {
            active.remove(run);
            throw new IllegalStateException("this FlowLens runtime is closed", e);
        }
        return run;
    }

    /** Runs a run's coordinator on this thread, named after the run so thread dumps and logs say which. */
    private static void coordinate(RunExecution run) {
        String name = Thread.currentThread().getName();
        Thread.currentThread().setName("flowlens-run-" + run.runId());
        try {
            run.coordinate();
        } finally {
            Thread.currentThread().setName(name);
        }
    }

    @Override
    public void clearCache() {
        cache.clear();
    }

    /** Cached node results now held; for tests and diagnostics. */
    public int cachedEntries() {
        return cache.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RunExecution> running = List.copyOf(active);
        running.forEach(RunExecution::cancel);
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        for (RunExecution run : running) {
            try {
                run.completion().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn("run {} did not stop within {}; closing anyway", run.runId(), config.closeTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("run {} ended abnormally", run.runId(), e);
            }
        }
        workers.shutdownNow();
        coordinators.shutdownNow();
        cache.clear();
        ModelCache.shared().close();
    }

    /** Sortable by time and readable in folder names: {@code 20261122-052000-3fa2c1}. */
    static String newRunId() {
        return LocalDateTime.now().format(RUN_ID_TIME) + "-" + String.format("%06x", RANDOM.nextInt(0x1000000));
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

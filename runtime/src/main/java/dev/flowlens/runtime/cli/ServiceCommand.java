package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.alert.AlertDispatcher;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.metrics.FlowLensMetrics;
import dev.flowlens.runtime.metrics.MeteredFlowLens;
import dev.flowlens.runtime.metrics.MetricsEndpoint;
import dev.flowlens.runtime.scheduler.HistoryRetention;
import dev.flowlens.runtime.scheduler.RetentionPolicy;
import dev.flowlens.runtime.scheduler.ServiceListener;
import dev.flowlens.runtime.http.ApiLimits;
import dev.flowlens.runtime.http.ApiServer;
import dev.flowlens.runtime.scheduler.ScheduleBook;
import dev.flowlens.runtime.scheduler.ScheduleService;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import dev.flowlens.runtime.scheduler.ServiceConfig;
import dev.flowlens.runtime.scheduler.StoreLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code flowlens service}: the headless scheduler and, next to it, the local HTTP API. Runs until SIGTERM or
 * Ctrl-C, logging to rolling files under {@code <data>/logs}; on stop it lets running workflows finish for the
 * grace period, then cancels them. With {@code --no-api} the runtime (node library, models) is opened only when
 * the first scheduled run needs it, which keeps an idle service small.
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = "Run the scheduler and the HTTP API with no window: fires due schedules until stopped (SIGTERM or Ctrl-C).")
public final class ServiceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    /** Set when run as {@code flowlens service}: runs then open the runtime the way every command does. */
    @ParentCommand
    FlowLensCli cli;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "how often to look for due runs (default: ${DEFAULT-VALUE})")
    Duration pollInterval;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "on stop, how long running workflows may finish before they are cancelled (default: ${DEFAULT-VALUE})")
    Duration grace;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "how often a running run proves this process alive; another process takes over after 4 missed (default: ${DEFAULT-VALUE})")
    Duration heartbeat;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "serve Prometheus metrics at http://127.0.0.1:PORT/api/metrics (default: off)")
    Integer metricsPort;

    @Option(names = "--keep-days", paramLabel = "N",
            description = "prune run history older than N days after every run (default: keep everything)")
    Integer keepDays;

    @Option(names = "--keep-runs", paramLabel = "N",
            description = "keep only the newest N runs of each workflow in history (default: keep everything)")
    Integer keepRuns;

    @Option(names = "--prune-outputs", description = "also delete the output files of pruned runs (default: files stay)")
    boolean pruneOutputs;

    @Option(names = "--log-to-console", description = "log to the terminal instead of <data>/logs/service.log")
    boolean console;

    @Option(names = "--no-api", description = "do not serve the HTTP API (see flowlens serve for its options)")
    boolean noApi;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ApiServer.DEFAULT_PORT,
            description = "port of the HTTP API (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = ApiServer.DEFAULT_BIND,
            description = "address of the HTTP API (default: ${DEFAULT-VALUE}, this machine only)")
    String bind;

    private final Function<Path, FlowLens> runtimeFactory;
    /** Counts this service's runs (scheduled and API), schedule lag, VLM calls; served at /api/metrics. */
    private FlowLensMetrics metrics;

    public ServiceCommand() {
        this(data -> FlowLens.open(RuntimeConfig.defaults().withDataFolder(data)));
    }

    /** With a different way to open the runtime for runs (given the data folder). */
    public ServiceCommand(Function<Path, FlowLens> runtimeFactory) {
        this.runtimeFactory = runtimeFactory;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StoreLocation location;
        try {
            location = store.location();
        } catch (IllegalArgumentException e) {
            err.println("flowlens service: " + e.getMessage());
            err.flush();
            return FlowLensCli.EXIT_INVALID;
        }
        Path logFile = console ? null : ServiceLogging.install(location.logDir());
        ServiceConfig config = ServiceConfig.desktop().withPollInterval(pollInterval).withShutdownGrace(grace)
                .withHeartbeat(heartbeat, 4);
        AtomicReference<FlowLens> runtime = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduleStore opened;
        try {
            opened = ScheduleStore.open(location);
        } catch (IllegalStateException e) {
            err.println("flowlens service: " + e.getMessage());
            err.flush();
            return FlowLensCli.EXIT_INVALID;
        }
        HistoryRetention retention;
        try {
            retention = new HistoryRetention(opened, new RetentionPolicy(
                    keepDays == null ? null : Duration.ofDays(keepDays), keepRuns, pruneOutputs));
        } catch (IllegalArgumentException e) {
            err.println("flowlens service: " + e.getMessage());
            err.flush();
            opened.close();
            return FlowLensCli.EXIT_INVALID;
        }
        retention.pruneNow();
        metrics = new FlowLensMetrics();
        // Alerts are delivered on the dispatcher's own threads; the service only tells it that a run ended.
        AlertDispatcher alerts = AlertDispatcher.create(opened);
        MetricsEndpoint endpoint;
        try {
            endpoint = metricsPort == null ? null : MetricsEndpoint.start(metrics, metricsPort);
        } catch (RuntimeException e) {
            err.println("flowlens service: cannot serve metrics on 127.0.0.1:" + metricsPort + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            err.flush();
            alerts.close();
            opened.close();
            return FlowLensCli.EXIT_FAILED;
        }
        ScheduleService service = ScheduleService.start(opened, () -> runtimeFor(location, runtime), config,
                ServiceListener.all(metrics.scheduleListener(), alerts, retention));
        ApiServer api = null;
        if (!noApi) {
            try {
                FlowLens shared = runtimeFor(location, runtime);
                Path workflows = location.dataDir().resolve("workflows");
                java.nio.file.Files.createDirectories(workflows);
                api = ApiServer.start(shared, port, bind, location.dataDir(), workflows, ApiLimits.defaults(),
                        () -> "cpu", ScheduleBook.over(opened), metrics);
            } catch (Exception e) {
                err.println("flowlens service: cannot serve the HTTP API on " + bind + ":" + port + ": " + e.getMessage()
                        + " (choose another --port, or --no-api)");
                err.flush();
                service.close();
                alerts.close();
                if (endpoint != null) {
                    endpoint.close();
                }
                FlowLens r = runtime.get();
                if (r != null) {
                    r.close();
                }
                opened.close();
                return FlowLensCli.EXIT_FAILED;
            }
        }
        ApiServer server = api;
        Thread hook = new Thread(() -> {
            try {
                if (server != null) {
                    server.close();
                }
                service.close();
                alerts.close();
                if (endpoint != null) {
                    endpoint.close();
                }
                metrics.close();
                FlowLens r = runtime.get();
                if (r != null) {
                    r.close();
                }
                opened.close();
            } finally {
                stopped.countDown();
            }
        }, "flowlens-service-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("FlowLens scheduler service " + service.owner() + " running on "
                + (location.isSqlite() ? location.effectiveUrl().substring("jdbc:sqlite:".length()) : "PostgreSQL")
                + ", " + opened.schedules().size() + " schedule(s), polling every " + pollInterval.toMillis() + " ms"
                + (logFile == null ? "" : "; log: " + logFile)
                + (endpoint == null ? "" : "; metrics: http://127.0.0.1:" + endpoint.port() + "/api/metrics")
                + ". Stop with Ctrl-C or SIGTERM.");
        if (server != null) {
            out.println("HTTP API on " + server.baseUri() + " (token in " + server.tokenFile() + "; metrics at /api/metrics)");
        }
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The one runtime of this service, opened on first use by a run or the API. */
    private synchronized FlowLens runtimeFor(StoreLocation location, AtomicReference<FlowLens> runtime) {
        if (runtime.get() == null) {
            runtime.set(new MeteredFlowLens(cli != null
                    ? cli.open(RuntimeConfig.defaults().withDataFolder(location.dataDir()))
                    : runtimeFactory.apply(location.dataDir()), metrics));
        }
        return runtime.get();
    }
}

package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.http.ApiLimits;
import dev.flowlens.runtime.http.ApiServer;
import dev.flowlens.runtime.scheduler.ScheduleBook;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import dev.flowlens.runtime.scheduler.StoreLocation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code flowlens serve}: the local HTTP API in the foreground until Ctrl-C. Binds to 127.0.0.1 unless
 * {@code --bind} says otherwise; the token for clients is in {@code <data>/api-token}.
 */
@Command(name = "serve", description = "Serves the local HTTP API (runs, events, outputs, catalogue) until stopped.")
public final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    FlowLensCli cli;

    @Option(names = "--data", paramLabel = "DIR",
            description = "FlowLens data folder (API token, run outputs). Default: $FLOWLENS_DATA or ~/.flowlens")
    Path dataFolder;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + ApiServer.DEFAULT_PORT,
            description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = ApiServer.DEFAULT_BIND,
            description = "Address to listen on. Default: ${DEFAULT-VALUE}. Any other address makes the API reachable "
                    + "from other machines; file paths are then kept inside --input-root and each run's folder")
    String bind;

    @Option(names = "--workflows", paramLabel = "DIR",
            description = "Folder of saved workflows that clients run by name. Default: <data>/workflows")
    Path workflows;

    @Option(names = "--max-queued", paramLabel = "N", defaultValue = "" + ApiLimits.DEFAULT_QUEUED,
            description = "Runs that may wait for a slot; one more is refused with 429. Default: ${DEFAULT-VALUE}")
    int maxQueued;

    @Option(names = "--max-running", paramLabel = "N", defaultValue = "" + ApiLimits.DEFAULT_RUNNING,
            description = "Runs executing at once. Default: ${DEFAULT-VALUE}")
    int maxRunning;

    @Option(names = "--max-request-bytes", paramLabel = "N", defaultValue = "" + ApiLimits.DEFAULT_REQUEST_BYTES,
            description = "Largest request body; a larger one is refused with 413. Default: ${DEFAULT-VALUE}")
    long maxRequestBytes;

    @Option(names = "--allow", paramLabel = "ADDR", split = ",",
            description = "Client IP address allowed to connect (repeatable). Default: any client with the token")
    List<String> allow = List.of();

    @Option(names = "--input-root", paramLabel = "DIR",
            description = "Folder input files may come from when not bound to loopback (repeatable). Default: --workflows")
    List<Path> inputRoots = List.of();

    /** Completes with the server once it listens; for tests and embedding. */
    final CompletableFuture<ApiServer> started = new CompletableFuture<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cli.context().out();
        Path data = (dataFolder != null ? dataFolder : RuntimeConfig.defaultDataFolder()).toAbsolutePath();
        Path root = (workflows != null ? workflows : data.resolve("workflows")).toAbsolutePath();
        ApiLimits limits;
        try {
            limits = ApiLimits.defaults().withQueue(maxQueued, maxRunning).withMaxRequestBytes(maxRequestBytes)
                    .withAllowedClients(Set.copyOf(allow)).withInputRoots(inputRoots);
        } catch (IllegalArgumentException e) {
            throw new UserError("flowlens serve: " + e.getMessage(), FlowLensCli.EXIT_INVALID);
        }
        Files.createDirectories(root);
        Thread hook = new Thread(this::stopAndWait, "flowlens-serve-stop");
        try (FlowLens flowLens = cli.open(RuntimeConfig.defaults().withDataFolder(data));
             ScheduleStore store = openStore(data);
             ApiServer server = startServer(flowLens, data, root, limits, ScheduleBook.over(store))) {
            out.println("FlowLens API listening on " + server.baseUri() + " (bound to " + server.bindAddress() + ")");
            out.println("  token file: " + server.tokenFile() + "  (send it as: Authorization: Bearer <token>)");
            out.println("  workflows:  " + root);
            if (server.restrictsPaths()) {
                out.println("  not on loopback: inputs must lie in " + (inputRoots.isEmpty() ? List.of(root) : inputRoots)
                        + ", outputs in each run's folder");
            }
            out.println("Press Ctrl-C to stop.");
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            started.complete(server);
            stop.await();
        } finally {
            started.completeExceptionally(new IllegalStateException("flowlens serve stopped"));
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook is running.
            }
        }
        return FlowLensCli.EXIT_OK;
    }

    /** The schedule store {@code flowlens service} fires from: the API edits it, the service picks changes up. */
    private static ScheduleStore openStore(Path data) {
        try {
            return ScheduleStore.open(StoreLocation.sqlite(data));
        } catch (IllegalStateException e) {
            throw new UserError("flowlens serve: " + e.getMessage(), FlowLensCli.EXIT_FAILED);
        }
    }

    private ApiServer startServer(FlowLens flowLens, Path data, Path root, ApiLimits limits, ScheduleBook schedules)
            throws Exception {
        try {
            return ApiServer.start(flowLens, port, bind, data, root, limits, () -> "cpu", schedules);
        } catch (IllegalArgumentException e) {
            throw new UserError("flowlens serve: " + e.getMessage(), FlowLensCli.EXIT_INVALID);
        } catch (RuntimeException e) {
            // Javalin reports a port in use or an address this machine does not have as a runtime exception.
            throw new UserError("flowlens serve: cannot listen on " + bind + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), FlowLensCli.EXIT_FAILED);
        }
    }

    /** Stops the server: Ctrl-C, or a test. Returns once runs are cancelled and the port is closed. */
    void stopAndWait() {
        stop.countDown();
        try {
            stopped.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

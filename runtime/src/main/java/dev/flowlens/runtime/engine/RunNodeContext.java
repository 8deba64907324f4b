package dev.flowlens.runtime.engine;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The executor's {@link NodeContext} for one node in one run. Shared by the per-element executions of a
 * node that fans out, so files recorded by any element land in the node's result.
 */
final class RunNodeContext implements NodeContext {
    private final RunExecution run;
    private final NodeId nodeId;
    private final String label;
    private final List<Path> recordedFiles = new CopyOnWriteArrayList<>();
    private final BiConsumer<Integer, Integer> progress;
    private final Consumer<String> log;

    RunNodeContext(RunExecution run, NodeId nodeId, String label, BiConsumer<Integer, Integer> progress,
                   Consumer<String> log) {
        this.run = run;
        this.nodeId = nodeId;
        this.label = label;
        this.progress = progress;
        this.log = log;
    }

    @Override
    public String runId() {
        return run.runId();
    }

    @Override
    public NodeId nodeId() {
        return nodeId;
    }

    @Override
    public String nodeLabel() {
        return label;
    }

    @Override
    public Path resolveInput(String path) {
        return resolve(run.inputFolder(), path);
    }

    @Override
    public Path resolveOutput(String path) {
        return resolve(run.outputFolder(), path);
    }

    /** Absolute paths stay, {@code ~/} means the home folder, anything else is relative to {@code base}. */
    static Path resolve(Path base, String path) {
        String p = path.strip();
        if (p.equals("~") || p.startsWith("~/")) {
            return Path.of(System.getProperty("user.home", "."), p.length() <= 2 ? "" : p.substring(2)).normalize();
        }
        Path given = Path.of(p);
        return given.isAbsolute() ? given.normalize() : base.resolve(given).toAbsolutePath().normalize();
    }

    @Override
    public Path outputFolder() {
        return run.outputFolder();
    }

    @Override
    public void progress(int done, int total) {
        progress.accept(done, total);
    }

    @Override
    public boolean isCancelled() {
        return run.isCancelled();
    }

    @Override
    public void throwIfCancelled() {
        if (run.isCancelled()) {
            throw new CancellationException(label + ": the run was cancelled");
        }
    }

    @Override
    public String secret(SecretRef ref) throws NodeFailure {
        if (ref.source() == SecretRef.Source.KEYSTORE) {
            throw new NodeFailure(label + ": secret " + ref + " cannot be read: key stores are not configured in this "
                    + "FlowLens; set an environment variable and use env:NAME instead");
        }
        String value = run.environment().apply(ref.name());
        if (value == null || value.isEmpty()) {
            throw new NodeFailure(label + ": secret " + ref + " is not set; set the environment variable " + ref.name()
                    + " before the run");
        }
        return value;
    }

    @Override
    public Optional<Instant> lastSuccessfulRun() {
        return run.lastSuccessfulRun();
    }

    @Override
    public void recordOutputFile(Path file) {
        recordedFiles.add(file.toAbsolutePath().normalize());
    }

    @Override
    public void log(String message) {
        log.accept(message);
    }

    List<Path> recordedFiles() {
        return List.copyOf(recordedFiles);
    }
}

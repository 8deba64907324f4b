package dev.flowlens.runtime.nodes.vlm;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A node context for running one node outside the executor: secrets come from a map standing in for the
 * environment (tests never depend on real variables), cancellation is a flag the test flips, log lines are kept.
 */
final class RecordingNodeContext implements NodeContext {
    private final Map<String, String> environment;
    final AtomicBoolean cancelled = new AtomicBoolean();
    final List<String> logLines = new CopyOnWriteArrayList<>();

    RecordingNodeContext(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    RecordingNodeContext() {
        this(Map.of());
    }

    @Override
    public String runId() {
        return "test-run";
    }

    @Override
    public NodeId nodeId() {
        return NodeId.of("ask");
    }

    @Override
    public String nodeLabel() {
        return "Ask vision model (node ask)";
    }

    @Override
    public Path resolveInput(String path) {
        return Path.of(path);
    }

    @Override
    public Path resolveOutput(String path) {
        return Path.of(path);
    }

    @Override
    public Path outputFolder() {
        return Path.of(".");
    }

    @Override
    public void progress(int done, int total) {
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public void throwIfCancelled() {
        if (cancelled.get()) {
            throw new CancellationException("cancelled");
        }
    }

    @Override
    public String secret(SecretRef ref) throws NodeFailure {
        String v = ref.source() == SecretRef.Source.ENV ? environment.get(ref.name()) : null;
        if (v == null) {
            throw new NodeFailure(nodeLabel() + ": secret " + ref + " is not set");
        }
        return v;
    }

    @Override
    public Optional<Instant> lastSuccessfulRun() {
        return Optional.empty();
    }

    @Override
    public void recordOutputFile(Path file) {
    }

    @Override
    public void log(String message) {
        logLines.add(message);
    }
}

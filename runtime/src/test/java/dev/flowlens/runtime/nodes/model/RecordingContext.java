package dev.flowlens.runtime.nodes.model;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real, minimal node context for running one node outside the executor: keeps log lines and written files. */
final class RecordingContext implements NodeContext {
    final List<String> logs = new CopyOnWriteArrayList<>();
    final List<Path> written = new CopyOnWriteArrayList<>();
    private final String nodeId;
    private final String label;
    private final Path output;

    RecordingContext(String nodeId, String displayName, Path output) {
        this.nodeId = nodeId;
        this.label = displayName + " (node " + nodeId + ")";
        this.output = output;
    }

    @Override
    public String runId() {
        return "test-run";
    }

    @Override
    public NodeId nodeId() {
        return new NodeId(nodeId);
    }

    @Override
    public String nodeLabel() {
        return label;
    }

    @Override
    public Path resolveInput(String path) {
        return Path.of(path);
    }

    @Override
    public Path resolveOutput(String path) {
        return output.resolve(path);
    }

    @Override
    public Path outputFolder() {
        return output;
    }

    @Override
    public void progress(int done, int total) {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void throwIfCancelled() {
    }

    @Override
    public String secret(SecretRef ref) throws NodeFailure {
        throw new NodeFailure("no secrets in this test context: " + ref);
    }

    @Override
    public Optional<Instant> lastSuccessfulRun() {
        return Optional.empty();
    }

    @Override
    public void recordOutputFile(Path file) {
        written.add(file);
    }

    @Override
    public void log(String message) {
        logs.add(message);
    }
}

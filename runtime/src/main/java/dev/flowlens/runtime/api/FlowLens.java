package dev.flowlens.runtime.api;

import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.validation.ValidationIssue;
import java.util.List;

/**
 * The runtime as the app, the CLI, the scheduler and the HTTP API see it: the node catalogue, validation,
 * and runs. One instance per process owns the executor threads, the output cache and loaded models.
 */
public interface FlowLens extends AutoCloseable {

    /** Starts the runtime: loads the node types found on the class path and its worker threads. */
    static FlowLens open(RuntimeConfig config) {
        return dev.flowlens.runtime.engine.LocalRuntime.open(config);
    }

    /** Every node type found on the class path, for palettes, validation and {@code flowlens nodes}. */
    NodeCatalog catalog();

    /** Structural and parameter issues; a workflow with errors does not run. */
    List<ValidationIssue> validate(Workflow workflow);

    /** Starts a run on the executor's threads and returns at once; events go to {@code listener}. */
    RunHandle start(RunRequest request, RunListener listener);

    /** Runs and waits for the summary. */
    default RunSummary run(RunRequest request, RunListener listener) {
        return start(request, listener).completion().join();
    }

    /** Forgets every cached node output. */
    void clearCache();

    /** Cancels runs in progress, waits briefly for them, and releases threads and models. */
    @Override
    void close();
}

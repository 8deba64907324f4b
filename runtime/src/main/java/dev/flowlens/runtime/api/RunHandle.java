package dev.flowlens.runtime.api;

import java.util.concurrent.CompletableFuture;

/** A run in progress. */
public interface RunHandle {
    String runId();

    /** Stops scheduling new work at once; running nodes see {@code isCancelled()} and no file is left half-written. */
    void cancel();

    /** Completes with the summary when the run ends, whatever the outcome (it never completes exceptionally). */
    CompletableFuture<RunSummary> completion();

    /** The run's audit identity: the workflow hash and format version it ran from, and its device. */
    default RunInfo info() {
        return RunInfo.of(runId());
    }
}

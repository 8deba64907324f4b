package dev.flowlens.runtime.node;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.runtime.api.RunInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** What a node may know and do about the run it is part of. Implemented by the executor. */
public interface NodeContext {

    String runId();

    NodeId nodeId();

    /** "Resize (node resize1)", for messages. */
    String nodeLabel();

    /** Resolves a path a user typed for an input: relative paths are relative to the workflow file's folder. */
    Path resolveInput(String path);

    /** Resolves a path for something the node writes: relative paths are relative to the run's output folder. */
    Path resolveOutput(String path);

    /** The run's output folder (created on first use by writers, not by the executor). */
    Path outputFolder();

    /** Tells observers how far a long single execution got (items within a file, pages, requests). */
    void progress(int done, int total);

    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} once the run was cancelled. */
    void throwIfCancelled();

    /** The secret a reference points to; a {@link NodeFailure} naming the reference (never a value) if unset. */
    String secret(SecretRef ref) throws NodeFailure;

    /** When this workflow last finished successfully (for "only new files" scans); empty if never or unknown. */
    Optional<Instant> lastSuccessfulRun();

    /** Records a file this node wrote, so the run's summary, history and API can list it. */
    void recordOutputFile(Path file);

    /** A line for the run log, attributed to this node. */
    void log(String message);

    /**
     * The run's audit identity (run id, workflow hash and format version, device), for report nodes that stamp
     * it on every row. The executor fills every field; this default, for contexts outside it, knows the run id only.
     */
    default RunInfo runInfo() {
        return RunInfo.of(runId());
    }
}

package dev.flowlens.runtime.scheduler;

import dev.flowlens.runtime.api.ModelUse;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.RunInfo;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.value.ItemError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The audit trail of one run in history: who or what started it, the workflow exactly as it ran (the file's
 * SHA-256 and format version), its parameter overrides with secret ones redacted, the device, the stored models
 * its nodes computed with (by checksum), and every output file with its SHA-256 and size at the end of the run.
 *
 * @param runId       the history entry this belongs to
 * @param engineRunId the executor's run id (the one on report rows and in output folder names)
 * @param models      by node id, in the workflow's order
 * @param nodes       how each node ended, in the order the run finished them
 */
public record RunAudit(String runId, String engineRunId, String workflowName, String workflowPath,
                       String workflowSha256, int formatVersion, String triggerKind, String triggerDetail,
                       Map<String, String> overrides, String device, Map<String, ModelUse> models, Instant recordedAt,
                       List<OutputFile> outputs, List<NodeOutcome> nodes) {

    /** A file the run wrote; {@code sha256} is empty and {@code size} -1 when it was gone when the run ended. */
    public record OutputFile(String path, String sha256, long size) {
        public boolean missing() {
            return size < 0;
        }
    }

    /**
     * How one node ended: its state (a {@link NodeState} name), time, items, the message a user sees (the error, or
     * why it was skipped) and the items that failed. Outputs and stack traces are not kept.
     */
    public record NodeOutcome(String node, String state, long durationMillis, int items, String message,
                              List<ItemError> itemErrors) {
        public NodeOutcome {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(state, "state");
            message = message == null ? "" : message;
            itemErrors = itemErrors == null ? List.of() : List.copyOf(itemErrors);
        }

        static NodeOutcome of(String node, NodeResult r) {
            if (r instanceof NodeResult.Succeeded s) {
                return new NodeOutcome(node, r.state().name(), s.durationMillis(), s.items(), "", s.itemErrors());
            }
            if (r instanceof NodeResult.Cached c) {
                return new NodeOutcome(node, r.state().name(), 0, c.items(), "", c.itemErrors());
            }
            if (r instanceof NodeResult.Failed f) {
                return new NodeOutcome(node, r.state().name(), f.durationMillis(), 0, f.message(), List.of());
            }
            if (r instanceof NodeResult.Skipped k) {
                return new NodeOutcome(node, r.state().name(), 0, 0, k.reason(), List.of());
            }
            return new NodeOutcome(node, r.state().name(), 0, 0, "", List.of());
        }

        /** The result as front ends show it, without outputs. */
        public NodeResult toResult() {
            return switch (NodeState.valueOf(state)) {
                case SUCCEEDED -> new NodeResult.Succeeded(Map.of(), durationMillis, items, itemErrors);
                case CACHED -> new NodeResult.Cached(Map.of(), items, itemErrors);
                case FAILED -> new NodeResult.Failed(message, "", durationMillis);
                case SKIPPED -> new NodeResult.Skipped(message);
                default -> new NodeResult.Cancelled();
            };
        }
    }

    public RunAudit {
        Objects.requireNonNull(runId, "runId");
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        outputs = List.copyOf(outputs);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        recordedAt = recordedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * The audit of a finished run: {@code redactedOverrides} must already hide secrets
     * ({@link dev.flowlens.core.validation.ParameterOverrides#redacted}); output files are hashed now.
     */
    public static RunAudit of(String historyRunId, RunRequest request, RunInfo info, RunSummary summary,
                              Map<String, String> redactedOverrides) {
        List<OutputFile> outputs = new ArrayList<>();
        for (Path p : summary.outputFiles()) {
            outputs.add(hash(p));
        }
        List<NodeOutcome> nodes = new ArrayList<>();
        summary.results().forEach((node, r) -> nodes.add(NodeOutcome.of(node.value(), r)));
        return new RunAudit(historyRunId, info.runId(), summary.workflowName(),
                request.workflowFileOpt().map(f -> f.toAbsolutePath().normalize().toString()).orElse(""),
                info.workflowSha256(), info.formatVersion(), summary.trigger().kind().name().toLowerCase(java.util.Locale.ROOT),
                summary.trigger().detail(), redactedOverrides, info.device(), info.models(), Instant.now(), outputs,
                nodes);
    }

    /** The file's SHA-256 and size as it is now. */
    public static OutputFile hash(Path file) {
        Path p = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            return new OutputFile(p.toString(), "", -1);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                size += n;
            }
            return new OutputFile(p.toString(),
                    HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()), size);
        } catch (IOException e) {
            return new OutputFile(p.toString(), "", -1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether the file on disk still has the recorded hash (false for a missing or changed file). */
    public static boolean matches(OutputFile recorded) {
        OutputFile now = hash(Path.of(recorded.path()));
        return !recorded.missing() && now.sha256().equals(recorded.sha256());
    }
}

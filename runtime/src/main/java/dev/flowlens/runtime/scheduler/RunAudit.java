package dev.flowlens.runtime.scheduler;

import dev.flowlens.runtime.api.ModelUse;
import dev.flowlens.runtime.api.RunInfo;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunSummary;
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
 */
public record RunAudit(String runId, String engineRunId, String workflowName, String workflowPath,
                       String workflowSha256, int formatVersion, String triggerKind, String triggerDetail,
                       Map<String, String> overrides, String device, Map<String, ModelUse> models, Instant recordedAt,
                       List<OutputFile> outputs) {

    /** A file the run wrote; {@code sha256} is empty and {@code size} -1 when it was gone when the run ended. */
    public record OutputFile(String path, String sha256, long size) {
        public boolean missing() {
            return size < 0;
        }
    }

    public RunAudit {
        Objects.requireNonNull(runId, "runId");
        overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        outputs = List.copyOf(outputs);
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
        return new RunAudit(historyRunId, info.runId(), summary.workflowName(),
                request.workflowFileOpt().map(f -> f.toAbsolutePath().normalize().toString()).orElse(""),
                info.workflowSha256(), info.formatVersion(), summary.trigger().kind().name().toLowerCase(java.util.Locale.ROOT),
                summary.trigger().detail(), redactedOverrides, info.device(), info.models(), Instant.now(), outputs);
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

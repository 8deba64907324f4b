package dev.flowlens.runtime.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of run history: a scheduled, run-now, missed or skipped run of a schedule, how it ended, and what
 * it produced. {@code nodeErrors} maps a node id (or "workflow" for problems with the file as a whole) to the
 * message a user sees; {@code retries} counts attempts after the first; {@code itemsFlagged} counts the rows
 * that nodes flagging items (a moderation verdict) marked for review.
 */
public record RunRecord(String runId, String scheduleId, String workflowFile, String trigger, String note,
                        Instant startedAt, Instant finishedAt, Status status, int itemsOk, int itemsFailed,
                        int itemsFlagged, Map<String, String> nodeErrors, List<String> outputFiles, int retries,
                        String owner) {

    /** How a run in history ended; RUNNING until it does. */
    public enum Status { RUNNING, SUCCEEDED, FAILED, CANCELLED, INTERRUPTED, SKIPPED }

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        // History stores milliseconds; a record reads back equal to the one written.
        startedAt = startedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        finishedAt = finishedAt == null ? null : finishedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        note = note == null ? "" : note;
        nodeErrors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodeErrors));
        outputFiles = List.copyOf(outputFiles);
        owner = owner == null ? "" : owner;
    }

    /** A record of a run that flagged nothing (one that started, was skipped, or has not ended). */
    public RunRecord(String runId, String scheduleId, String workflowFile, String trigger, String note,
                     Instant startedAt, Instant finishedAt, Status status, int itemsOk, int itemsFailed,
                     Map<String, String> nodeErrors, List<String> outputFiles, int retries, String owner) {
        this(runId, scheduleId, workflowFile, trigger, note, startedAt, finishedAt, status, itemsOk, itemsFailed, 0,
                nodeErrors, outputFiles, retries, owner);
    }

    public Optional<Duration> duration() {
        return finishedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, finishedAt));
    }
}

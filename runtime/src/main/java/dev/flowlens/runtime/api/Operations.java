package dev.flowlens.runtime.api;

import dev.flowlens.core.spec.NodeCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations side of a data folder as the app shows it: the run history of every trigger (app, CLI, schedules,
 * HTTP API) with each run's output files, a workflow's dashboard over the last days, and the alert rules with a test
 * send. Works on the same store as {@link Schedules}, {@code flowlens runs} and {@code flowlens alert}. Calls touch
 * the database (and a test alert the network): front ends make them off their UI thread. Mistakes a user can fix
 * throw {@link IllegalArgumentException} with a message to show as is.
 */
public interface Operations extends AutoCloseable {

    /** Opens the SQLite store in {@code dataFolder} (created when missing). */
    static Operations open(Path dataFolder) {
        return dev.flowlens.runtime.scheduler.StoreOperations.open(dataFolder);
    }

    /** Whether {@code dataFolder} has a store yet (schedules, the CLI or an app run made one); opening creates it. */
    static boolean exists(Path dataFolder) {
        return java.nio.file.Files.isRegularFile(dataFolder.resolve(dev.flowlens.runtime.scheduler.StoreLocation.SQLITE_FILE));
    }

    /** Runs of every trigger, newest first. */
    List<PastRun> runs(int limit);

    Optional<PastRun> run(String runId);

    /** The files a run wrote, from its audit trail (else from its history entry), in path order. */
    List<OutputFile> outputs(String runId);

    /**
     * How each node of the run ended (state, time, items, message, failed items; no outputs), in the order they
     * finished; empty for runs recorded before node results were kept.
     */
    Map<String, NodeResult> nodeResults(String runId);

    /** Writes a run made in this process into history with its audit trail; secret overrides are redacted. */
    PastRun record(RunRequest request, RunInfo info, RunSummary summary, NodeCatalog catalog);

    /** The workflow files history has runs of, in name order. */
    List<String> workflows();

    /** A workflow's runs per day, failure rate and time per item over the last {@code days} days (1 to 366). */
    Dashboard dashboard(String workflowFile, int days);

    /** The alert rules of the alert book, oldest first. */
    List<AlertInfo> alertRules();

    /** The latest alert deliveries (test ones included), newest first. */
    List<Delivery> deliveries(int limit);

    /** Sends a test alert through the rule's channel now (one try) and says whether it went out; blocks up to a minute. */
    Delivery sendTestAlert(String ruleId);

    /** Scheduled runs that ended after {@code after} and are news: failed, or succeeded after a failure. */
    List<Change> scheduledChangesAfter(Instant after);

    @Override
    void close();

    /**
     * One run in history. {@code trigger}: manual (the app), cli, api, schedule, run-now or missed; {@code status}:
     * running, succeeded, failed, cancelled, interrupted or skipped; {@code finishedAt} null while it runs.
     */
    record PastRun(String runId, String scheduleId, String workflowFile, String trigger, String note, Instant startedAt,
                   Instant finishedAt, String status, int itemsOk, int itemsFailed, Map<String, String> nodeErrors,
                   List<String> outputFiles) {
        public PastRun {
            scheduleId = scheduleId == null ? "" : scheduleId;
            note = note == null ? "" : note;
            nodeErrors = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodeErrors));
            outputFiles = List.copyOf(outputFiles);
        }

        public Optional<Duration> duration() {
            return finishedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, finishedAt));
        }
    }

    /** A file a run wrote: its SHA-256 and size when the run ended (empty and -1 when unknown), and whether it is still there. */
    record OutputFile(Path path, String sha256, long size, boolean present) {
    }

    /** One calendar day of a dashboard. */
    record Day(LocalDate date, int runs, int failed) {
    }

    /** A workflow's numbers: every day of the window oldest first; time per item over runs that handled items. */
    record Dashboard(String workflowFile, int days, List<Day> perDay, int finishedRuns, int failedRuns, double failureRate,
                     Optional<Double> medianMillisPerItem, Optional<Double> p95MillisPerItem, long itemsOk,
                     long itemsFailed) {
        public Dashboard {
            perDay = List.copyOf(perDay);
        }
    }

    /** An alert rule: its id, the schedule it watches ("" for every schedule), and what it does in words. */
    record AlertInfo(String id, String scheduleId, String conditions, String channel, String target, String description) {
    }

    /** What became of one alert: sent, or failed and why, after how many attempts. */
    record Delivery(String ruleId, String event, String runId, boolean sent, int attempts, String detail, Instant at) {
    }

    /** A scheduled run that failed, or recovered after a failure. */
    record Change(PastRun run, boolean recovered) {
    }
}

package dev.flowlens.runtime.api;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cron schedules of saved workflows and their run history, as the app manages them: check a cron expression as
 * it is typed, add, replace, enable or disable, remove, run now, list with next fire time and last status.
 * Works on the schedule store in the data folder whether or not the background service ({@code flowlens
 * service}) is running; the service picks up every change at its next poll. Mistakes a user can fix throw
 * {@link IllegalArgumentException} with a message to show as is.
 */
public interface Schedules extends AutoCloseable {

    /** Opens the SQLite schedule store in {@code dataFolder} (created when missing). */
    static Schedules open(Path dataFolder) {
        return dev.flowlens.runtime.scheduler.BookSchedules.open(dataFolder);
    }

    /** Parses a cron expression in a zone: its meaning in words and next fire times, or the error and where. */
    CronCheck check(String cron, String zone, int fireTimes);

    List<Schedule> list();

    Optional<Schedule> find(String id);

    Schedule add(ScheduleRequest request);

    /** Edits a schedule: the new one takes the old one's place (with a new id); the old history stays readable. */
    Schedule replace(String id, ScheduleRequest request);

    Schedule setEnabled(String id, boolean enabled);

    void remove(String id);

    /** Makes the schedule due now (keeping its overlap policy); returns what happened, in words. */
    String runNow(String id);

    /** Runs of one schedule (or of every schedule with null), newest first. */
    List<ScheduleRun> history(String scheduleIdOrNull, int limit);

    @Override
    void close();

    /** What to do with fire times missed while no service was running. */
    enum MissedRuns { RUN_ONCE, SKIP }

    /** What to do when a schedule is due while its previous run is still going. */
    enum Overlap { SKIP, QUEUE }

    /** A cron expression checked: valid with its words and next times, or invalid with the message and position. */
    record CronCheck(boolean valid, String inWords, List<ZonedDateTime> next, String error, int errorPosition) {
        public CronCheck {
            next = List.copyOf(next);
        }
    }

    /** What a user fills in: workflow file, cron, zone id, policies, enabled. */
    record ScheduleRequest(Path workflowFile, String cron, String zone, MissedRuns missedRuns, Overlap overlap,
                           boolean enabled) {
    }

    record Schedule(String id, Path workflowFile, String cron, String cronInWords, String zone, boolean enabled,
                    MissedRuns missedRuns, Overlap overlap, Optional<Instant> nextFire, Optional<ScheduleRun> lastRun,
                    boolean running) {
    }

    /** One run in history: trigger ("schedule", "run-now", "missed", …), times, status, items, node errors. */
    record ScheduleRun(String runId, String scheduleId, String workflowFile, String trigger, String note,
                       Instant startedAt, Instant finishedAt, String status, int itemsOk, int itemsFailed,
                       Map<String, String> nodeErrors) {
        public ScheduleRun {
            nodeErrors = Map.copyOf(nodeErrors);
        }
    }
}

package dev.flowlens.runtime.scheduler;

import dev.flowlens.runtime.api.Schedules;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@link Schedules} facade over a {@link ScheduleBook} and its store, for the app. */
public final class BookSchedules implements Schedules {
    private final ScheduleStore store;
    private final ScheduleBook book;

    private BookSchedules(ScheduleStore store) {
        this.store = store;
        this.book = ScheduleBook.over(store);
    }

    public static BookSchedules open(Path dataFolder) {
        return new BookSchedules(ScheduleStore.open(StoreLocation.sqlite(dataFolder)));
    }

    @Override
    public CronCheck check(String cron, String zone, int fireTimes) {
        ZoneId z;
        try {
            z = CronExpression.zone(zone == null || zone.isBlank() ? ZoneId.systemDefault().getId() : zone.trim());
        } catch (IllegalArgumentException e) {
            return new CronCheck(false, "", List.of(), e.getMessage(), 0);
        }
        try {
            CronExpression c = CronExpression.parse(cron, z);
            return new CronCheck(true, c.describe(), c.nextTimes(Instant.now(), fireTimes), "", 0);
        } catch (CronFormatException e) {
            return new CronCheck(false, "", List.of(), e.getMessage(), e.position());
        }
    }

    @Override
    public List<Schedule> list() {
        return book.list().stream().map(this::view).toList();
    }

    @Override
    public Optional<Schedule> find(String id) {
        return book.find(id).map(this::view);
    }

    @Override
    public Schedule add(ScheduleRequest r) {
        ZoneId zone = CronExpression.zone(r.zone() == null || r.zone().isBlank() ? ZoneId.systemDefault().getId() : r.zone().trim());
        NewSchedule request = NewSchedule.of(r.workflowFile(), r.cron(), zone)
                .withPolicies(MissedRunPolicy.valueOf(r.missedRuns().name()), OverlapPolicy.valueOf(r.overlap().name()))
                .withEnabled(r.enabled());
        return view(book.add(request));
    }

    @Override
    public Schedule replace(String id, ScheduleRequest request) {
        book.get(id);
        Schedule added = add(request);
        book.remove(id);
        return added;
    }

    @Override
    public Schedule setEnabled(String id, boolean enabled) {
        return view(enabled ? book.resume(id) : book.pause(id));
    }

    @Override
    public void remove(String id) {
        book.remove(id);
    }

    @Override
    public String runNow(String id) {
        return switch (book.runNow(id)) {
            case STARTING -> "Due now: the background service starts it within a second or two";
            case QUEUED_AFTER_CURRENT -> "Running already: it runs once more right after the current run";
            case SKIPPED_RUNNING -> "Running already, and its overlap policy is skip: nothing was started";
        };
    }

    @Override
    public List<ScheduleRun> history(String scheduleIdOrNull, int limit) {
        return book.history(scheduleIdOrNull, limit).stream().map(BookSchedules::run).toList();
    }

    @Override
    public void close() {
        store.close();
    }

    private Schedule view(WorkflowSchedule s) {
        String words;
        try {
            words = s.cronExpression().describe();
        } catch (IllegalArgumentException e) {
            words = e.getMessage();
        }
        return new Schedule(s.id(), s.workflowFile(), s.cron(), words, s.zone().getId(), s.enabled(),
                MissedRuns.valueOf(s.missedRuns().name()), Overlap.valueOf(s.overlap().name()),
                s.enabled() ? book.nextDue(s.id()) : Optional.empty(), book.lastRun(s.id()).map(BookSchedules::run),
                book.isRunning(s.id()));
    }

    private static ScheduleRun run(RunRecord r) {
        return new ScheduleRun(r.runId(), r.scheduleId(), r.workflowFile(), r.trigger(), r.note(), r.startedAt(),
                r.finishedAt(), r.status().name().toLowerCase(Locale.ROOT), r.itemsOk(), r.itemsFailed(), r.nodeErrors());
    }
}

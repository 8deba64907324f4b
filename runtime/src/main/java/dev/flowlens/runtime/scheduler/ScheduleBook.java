package dev.flowlens.runtime.scheduler;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.json.WorkflowFormatException;
import dev.flowlens.core.model.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Schedules as the CLI and the app manage them: add, list, show, pause, resume, remove, run now, history. Works
 * on the store whether or not a scheduler service is running (in this process or another); the service picks up
 * every change at its next poll.
 */
public final class ScheduleBook {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScheduleStore store;
    private final SchedulerClient client;

    ScheduleBook(ScheduleStore store, SchedulerClient client) {
        this.store = store;
        this.client = client;
    }

    /** A book over {@code store} with a client that only writes db-scheduler's table (no polling, no threads). */
    public static ScheduleBook over(ScheduleStore store) {
        return new ScheduleBook(store, client(store));
    }

    static SchedulerClient client(ScheduleStore store) {
        SchedulerClient.Builder b = SchedulerClient.Builder.create(store.dataSource(), ScheduleTask.descriptor());
        store.jdbcCustomization().ifPresent(b::jdbcCustomization);
        return b.build();
    }

    public ScheduleStore store() {
        return store;
    }

    /** Checks the request (cron, zone, workflow file, overrides), stores it and plans its first run. */
    public WorkflowSchedule add(NewSchedule request) {
        CronExpression cron = CronExpression.parse(request.cron(), request.zone());
        Path file = request.workflowFile().toAbsolutePath().normalize();
        Workflow workflow = readWorkflow(file);
        Map<String, String> overrides;
        try {
            overrides = request.overrideMap();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--set " + e.getMessage());
        }
        for (String key : overrides.keySet()) {
            String node = key.substring(0, key.indexOf('.'));
            if (workflow.node(node).isEmpty()) {
                throw new IllegalArgumentException("--set " + key + ": " + file.getFileName() + " has no node \"" + node
                        + "\"; its nodes are " + String.join(", ", workflow.nodes().stream().map(n -> n.id().value()).toList()));
            }
        }
        if (request.retries() < 0 || request.retries() > 100) {
            throw new IllegalArgumentException("--retries must be between 0 and 100, got " + request.retries());
        }
        WorkflowSchedule schedule = new WorkflowSchedule(newId(file), file, cron.text(), cron.zone(), overrides,
                request.enabled(), request.missedRuns(), request.overlap(), request.retries(), Instant.now(), null);
        store.insert(schedule);
        if (schedule.enabled()) {
            try {
                client.scheduleIfNotExists(ScheduleTask.instance(schedule.id(), ScheduleTask.CRON), cron.next(Instant.now()));
            } catch (RuntimeException e) {
                store.delete(schedule.id());
                throw e;
            }
        }
        return schedule;
    }

    /** Reads a workflow file the way a run will, turning every problem into one line for the user. */
    static Workflow readWorkflow(Path file) {
        try {
            return WorkflowCodec.read(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("workflow file " + file + " does not exist");
        } catch (WorkflowFormatException e) {
            throw new IllegalArgumentException("workflow file " + file + " cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("workflow file " + file + " cannot be read: " + e.getMessage());
        }
    }

    private String newId(Path file) {
        Path parent = file.getParent();
        String base = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (base.equals("workflow") && parent != null && parent.getFileName() != null) {
            base = parent.getFileName().toString();
        }
        base = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (base.isEmpty()) {
            base = "schedule";
        }
        base = base.length() > 40 ? base.substring(0, 40) : base;
        for (;;) {
            String id = base + "-" + String.format("%04x", RANDOM.nextInt(0x10000));
            if (store.schedule(id).isEmpty()) {
                return id;
            }
        }
    }

    public List<WorkflowSchedule> list() {
        return store.schedules();
    }

    public Optional<WorkflowSchedule> find(String id) {
        return store.schedule(id);
    }

    public WorkflowSchedule get(String id) {
        return store.schedule(id).orElseThrow(() -> new IllegalArgumentException("no schedule \"" + id + "\"; "
                + (store.schedules().isEmpty() ? "there are no schedules yet (flowlens schedule add)"
                : "known: " + String.join(", ", store.schedules().stream().map(WorkflowSchedule::id).toList()))));
    }

    /** When the schedule's execution is due next, if it is planned (enabled, or a run-now is waiting). */
    public Optional<Instant> nextDue(String id) {
        return client.getScheduledExecution(TaskInstanceId.of(ScheduleTask.NAME, id)).map(ScheduledExecution::getExecutionTime);
    }

    /** True while a scheduler holds the schedule's execution (a run is going). */
    public boolean isRunning(String id) {
        return client.getScheduledExecution(TaskInstanceId.of(ScheduleTask.NAME, id)).map(ScheduledExecution::isPicked).orElse(false);
    }

    public List<ZonedDateTime> nextFireTimes(WorkflowSchedule s, int count) {
        return s.cronExpression().nextTimes(Instant.now(), count);
    }

    public Optional<RunRecord> lastRun(String id) {
        return store.history(id, 1).stream().findFirst();
    }

    public List<RunRecord> history(String scheduleIdOrNull, int limit) {
        return store.history(scheduleIdOrNull, limit);
    }

    public WorkflowSchedule pause(String id) {
        get(id);
        store.setEnabled(id, false);
        try {
            client.cancel(TaskInstanceId.of(ScheduleTask.NAME, id));
        } catch (TaskInstanceCurrentlyExecutingException e) {
            // The running execution sees "disabled" when it completes and removes itself.
        } catch (RuntimeException e) {
            if (!isNotFound(e)) {
                throw e;
            }
        }
        return get(id);
    }

    public WorkflowSchedule resume(String id) {
        WorkflowSchedule s = get(id);
        store.setEnabled(id, true);
        client.scheduleIfNotExists(ScheduleTask.instance(id, ScheduleTask.CRON), s.cronExpression().next(Instant.now()));
        return get(id);
    }

    /** Deletes the schedule; its run history stays. A run in progress finishes first. */
    public WorkflowSchedule remove(String id) {
        WorkflowSchedule s = get(id);
        store.delete(id);
        try {
            client.cancel(TaskInstanceId.of(ScheduleTask.NAME, id));
        } catch (TaskInstanceCurrentlyExecutingException e) {
            // The running execution finds no schedule when it completes and removes itself.
        } catch (RuntimeException e) {
            if (!isNotFound(e)) {
                throw e;
            }
        }
        return s;
    }

    private static boolean isNotFound(RuntimeException e) {
        return e instanceof com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
    }

    /** What {@link #runNow} did. */
    public enum RunNowResult {
        /** Due now: a running scheduler starts it within one polling interval. */
        STARTING,
        /** The schedule is running; with overlap policy QUEUE it runs again right after. */
        QUEUED_AFTER_CURRENT,
        /** The schedule is running and its overlap policy is SKIP: nothing was started. */
        SKIPPED_RUNNING
    }

    /** Makes the schedule due now, keeping the overlap policy: a schedule never runs twice at once. */
    public RunNowResult runNow(String id) {
        WorkflowSchedule s = get(id);
        TaskInstanceId key = TaskInstanceId.of(ScheduleTask.NAME, id);
        Optional<ScheduledExecution<Object>> exec = client.getScheduledExecution(key);
        if (exec.isPresent() && exec.get().isPicked()) {
            return whileRunning(s);
        }
        try {
            if (exec.isPresent()) {
                if (!client.reschedule(key, Instant.now(), ScheduleTask.RUN_NOW)) {
                    return whileRunning(s);
                }
            } else {
                client.schedule(SchedulableInstance.of(ScheduleTask.instance(id, ScheduleTask.RUN_NOW), Instant.now()));
            }
        } catch (TaskInstanceCurrentlyExecutingException e) {
            return whileRunning(s);
        }
        return RunNowResult.STARTING;
    }

    private RunNowResult whileRunning(WorkflowSchedule s) {
        if (s.overlap() == OverlapPolicy.QUEUE) {
            store.setRunNowRequested(s.id(), true);
            return RunNowResult.QUEUED_AFTER_CURRENT;
        }
        return RunNowResult.SKIPPED_RUNNING;
    }

    /** Makes sure every enabled schedule has a planned execution (repairs a half-finished add). */
    void ensurePlanned() {
        Instant now = Instant.now();
        java.util.Set<String> planned = new java.util.HashSet<>();
        client.fetchScheduledExecutionsForTask(ScheduleTask.NAME, String.class, e -> planned.add(e.getTaskInstance().getId()));
        for (WorkflowSchedule s : store.schedules()) {
            if (s.enabled() && !planned.contains(s.id())) {
                client.scheduleIfNotExists(ScheduleTask.instance(s.id(), ScheduleTask.CRON), s.cronExpression().next(now));
            }
        }
    }

}

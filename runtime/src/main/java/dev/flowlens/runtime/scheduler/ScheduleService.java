package dev.flowlens.runtime.scheduler;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.flowlens.runtime.api.FlowLens;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running scheduler: polls the store for due schedules (db-scheduler), runs each through {@link FlowLens},
 * and keeps history honest — missed runs are labelled or skipped by policy, runs of a process that died are
 * marked INTERRUPTED, and a schedule never runs twice at once, also across processes sharing the store.
 * The runtime is obtained from the supplier at the first run, so an idle service loads no models.
 */
public final class ScheduleService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleService.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final ScheduleStore store;
    private final ServiceConfig config;
    private final ServiceListener listener;
    private final String owner;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final ScheduledRunner runner;
    private final ScheduledExecutorService housekeeping;
    private final Scheduler scheduler;
    private final ScheduleBook book;
    private volatile boolean closed;

    private ScheduleService(ScheduleStore store, Supplier<FlowLens> runtime, ServiceConfig config, ServiceListener listener) {
        this.store = store;
        this.config = config;
        this.listener = listener == null ? ServiceListener.NONE : listener;
        this.owner = ownerName();
        this.runner = new ScheduledRunner(store, runtime, config, stopping);
        CustomTask<String> task = ScheduleTask.executing(this::execute, this::onFailure, this::onDead);
        SchedulerBuilder builder = Scheduler.create(store.dataSource(), task);
        store.jdbcCustomization().ifPresent(builder::jdbcCustomization);
        this.scheduler = builder
                .schedulerName(new SchedulerName.Fixed(owner))
                .pollingInterval(config.pollInterval())
                .heartbeatInterval(config.heartbeat())
                .missedHeartbeatsLimit(config.missedHeartbeats())
                .threads(config.threads())
                .shutdownMaxWait(config.shutdownGrace().plusSeconds(15))
                .build();
        this.book = new ScheduleBook(store, scheduler);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flowlens-schedule-housekeeping");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts polling {@code store}. History entries left RUNNING by a process that is gone become INTERRUPTED
     * first; a run missed while no scheduler was running is due at once and handled by its missed-run policy.
     */
    public static ScheduleService start(ScheduleStore store, Supplier<FlowLens> runtime, ServiceConfig config,
                                        ServiceListener listener) {
        ScheduleService service = new ScheduleService(store, memoize(runtime), config, listener);
        service.sweepInterrupted();
        service.book.ensurePlanned();
        service.scheduler.start();
        long beat = config.heartbeat().toMillis();
        service.housekeeping.scheduleWithFixedDelay(service::housekeep, beat, beat, TimeUnit.MILLISECONDS);
        LOG.info("scheduler {} started on {} ({} schedules, polling every {})", service.owner,
                store.location().isSqlite() ? store.location().effectiveUrl() : "PostgreSQL",
                store.schedules().size(), ScheduledRunner.human(config.pollInterval()));
        return service;
    }

    /** The book over this service's scheduler: changes are seen at the next poll. */
    public ScheduleBook book() {
        return book;
    }

    /** This process's name in history's {@code owner} column and db-scheduler's {@code picked_by}. */
    public String owner() {
        return owner;
    }

    public int runningCount() {
        return runner.activeCount();
    }

    // ---------------------------------------------------------------- execution

    private CompletionHandler<String> execute(TaskInstance<String> instance, ExecutionContext ctx) {
        String id = instance.getId();
        String reason = instance.getData() == null ? ScheduleTask.CRON : instance.getData();
        Instant due = ctx.getExecution().getExecutionTime();
        Instant now = Instant.now();
        Optional<WorkflowSchedule> found = store.schedule(id);
        if (found.isEmpty()) {
            LOG.info("schedule {} was removed; dropping its execution", id);
            return ScheduleTask.remove();
        }
        WorkflowSchedule s = found.get();
        boolean runNow = ScheduleTask.RUN_NOW.equals(reason);
        if (!s.enabled() && !runNow) {
            return ScheduleTask.remove();
        }
        // A dead owner may have left this schedule's run RUNNING; it is not running any more.
        interruptRunsOf(id, "the process running it stopped; this schedule ran again at " + now);
        boolean late = ScheduleTask.CRON.equals(reason) && Duration.between(due, now).compareTo(config.lateAfter()) > 0;
        String dueText = ZonedDateTime.ofInstant(due, s.zone()).format(WHEN);
        String trigger = runNow ? "run-now" : "schedule";
        if (late && s.missedRuns() == MissedRunPolicy.SKIP) {
            RunRecord skipped = new RunRecord(UUID.randomUUID().toString(), id, s.workflowFile().toString(), trigger,
                    "missed run (due " + dueText + "), skipped by missed-run policy", now, now, RunRecord.Status.SKIPPED,
                    0, 0, Map.of(), List.of(), 0, owner);
            if (store.insertStarted(skipped, due)) {
                listener.runFinished(skipped);
            }
            return next(s, now);
        }
        String note = late ? "missed run, started late (due " + dueText + ")"
                : ScheduleTask.QUEUED.equals(reason) ? "queued behind the previous run (due " + dueText + ")"
                : runNow ? "run now" : "";
        RunRecord started = new RunRecord(UUID.randomUUID().toString(), id, s.workflowFile().toString(), trigger, note,
                now, null, RunRecord.Status.RUNNING, 0, 0, Map.of(), List.of(), 0, owner);
        if (!store.insertStarted(started, due)) {
            LOG.warn("schedule {}: the run due at {} is already in history; not running it again", id, due);
            return next(s, now);
        }
        listener.runStarted(started, due);
        LOG.info("schedule {} run {} started ({}{})", id, started.runId(), trigger, note.isEmpty() ? "" : ", " + note);
        RunRecord done;
        try {
            done = runner.run(s, started);
        } catch (RuntimeException e) {
            LOG.error("schedule {} run {} failed inside the scheduler", id, started.runId(), e);
            done = new RunRecord(started.runId(), id, started.workflowFile(), trigger, note, now, Instant.now(),
                    RunRecord.Status.FAILED, 0, 0, Map.of("workflow", "internal error: " + e.getMessage()), List.of(), 0,
                    owner);
        }
        store.update(done);
        if (done.status() == RunRecord.Status.SUCCEEDED) {
            store.setLastSuccessfulRun(id, started.startedAt());
        }
        listener.runFinished(done);
        LOG.info("schedule {} run {} ended {} after {} (retries {})", id, done.runId(), done.status(),
                done.duration().map(ScheduledRunner::human).orElse("?"), done.retries());
        return next(s, now);
    }

    /** After a run: the waiting run-now, the next fire time, or removal if the schedule is gone or paused. */
    private CompletionHandler<String> next(WorkflowSchedule ran, Instant runStart) {
        return (complete, ops) -> {
            Optional<WorkflowSchedule> current = store.schedule(ran.id());
            if (current.isEmpty()) {
                ops.remove();
                return;
            }
            Instant now = Instant.now();
            if (store.takeRunNowRequest(ran.id())) {
                ops.reschedule(complete, now, ScheduleTask.RUN_NOW);
                return;
            }
            WorkflowSchedule s = current.get();
            if (!s.enabled()) {
                ops.remove();
                return;
            }
            CronExpression cron = s.cronExpression();
            if (s.overlap() == OverlapPolicy.QUEUE) {
                Instant queued = cron.next(runStart);
                ops.reschedule(complete, queued, queued.isAfter(now) ? ScheduleTask.CRON : ScheduleTask.QUEUED);
                return;
            }
            recordOverlapSkips(s, cron, runStart, now);
            ops.reschedule(complete, cron.next(now), ScheduleTask.CRON);
        };
    }

    /** With overlap SKIP, fire times that passed during the run are written to history as skipped. */
    private void recordOverlapSkips(WorkflowSchedule s, CronExpression cron, Instant runStart, Instant now) {
        List<ZonedDateTime> passed = cron.nextTimes(runStart, 1000).stream().filter(t -> !t.toInstant().isAfter(now)).toList();
        if (passed.isEmpty()) {
            return;
        }
        RunRecord skipped = new RunRecord(UUID.randomUUID().toString(), s.id(), s.workflowFile().toString(), "schedule",
                passed.size() + " fire time(s) from " + passed.get(0).format(WHEN) + " passed while the previous run was "
                        + "still going; skipped by overlap policy", now, now, RunRecord.Status.SKIPPED, 0, 0, Map.of(),
                List.of(), 0, owner);
        store.insert(skipped);
        listener.runFinished(skipped);
    }

    private void onFailure(ExecutionComplete complete, ExecutionOperations<String> ops) {
        String id = complete.getExecution().taskInstance.getId();
        LOG.error("schedule {}: the scheduler failed to run it", id, complete.getCause().orElse(null));
        Optional<WorkflowSchedule> s = store.schedule(id);
        if (s.isEmpty() || !s.get().enabled()) {
            ops.remove();
        } else {
            ops.reschedule(complete, s.get().cronExpression().next(Instant.now()), ScheduleTask.CRON);
        }
    }

    /** db-scheduler found an execution whose process stopped heart-beating: mark its run and plan the next one. */
    private void onDead(ExecutionComplete complete, ExecutionOperations<String> ops) {
        String id = complete.getExecution().taskInstance.getId();
        LOG.warn("schedule {}: its run on {} stopped heart-beating; planning the next run", id,
                complete.getExecution().pickedBy);
        interruptRunsOf(id, "the process running it (" + complete.getExecution().pickedBy + ") stopped");
        Optional<WorkflowSchedule> s = store.schedule(id);
        if (s.isEmpty() || !s.get().enabled()) {
            ops.remove();
        } else {
            ops.reschedule(complete, s.get().cronExpression().next(Instant.now()), ScheduleTask.CRON);
        }
    }

    // ---------------------------------------------------------------- interrupted runs

    private void housekeep() {
        try {
            store.heartbeat(runningIdsOfMine(), Instant.now());
            sweepInterrupted();
        } catch (RuntimeException e) {
            LOG.warn("housekeeping failed; will try again", e);
        }
    }

    private List<String> runningIdsOfMine() {
        return store.running().stream().filter(r -> r.owner().equals(owner)).map(RunRecord::runId).toList();
    }

    /** RUNNING entries whose process is gone (same machine: the process is not alive; elsewhere: no heartbeat). */
    void sweepInterrupted() {
        Instant now = Instant.now();
        for (RunRecord r : store.running()) {
            if (r.owner().equals(owner)) {
                continue;
            }
            boolean dead = ownerIsDead(r.owner()).orElseGet(() -> store.runHeartbeat(r.runId())
                    .map(beat -> beat.plus(config.staleAfter().plusSeconds(30)).isBefore(now)).orElse(true));
            if (dead) {
                interrupt(r, "interrupted: the process running it (" + r.owner() + ") stopped before it finished");
            }
        }
    }

    private void interruptRunsOf(String scheduleId, String why) {
        for (RunRecord r : store.running()) {
            if (scheduleId.equals(r.scheduleId()) && !r.owner().equals(owner)) {
                interrupt(r, "interrupted: " + why);
            }
        }
    }

    private void interrupt(RunRecord r, String note) {
        Instant at = Instant.now();
        if (store.markInterrupted(r.runId(), ScheduledRunner.note(r.note(), note), at)) {
            LOG.warn("run {} of schedule {} marked INTERRUPTED: {}", r.runId(), r.scheduleId(), note);
            listener.runInterrupted(store.run(r.runId()).orElse(r));
        }
    }

    /** Owner names are {@code host/pid/startMillis}; on this host the process table says whether it lives. */
    static Optional<Boolean> ownerIsDead(String ownerName) {
        String[] parts = ownerName.split("/");
        if (parts.length != 3 || !parts[0].equals(hostName())) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(parts[1]);
            long started = Long.parseLong(parts[2]);
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty() || !p.get().isAlive()) {
                return Optional.of(true);
            }
            Optional<Instant> start = p.get().info().startInstant();
            // A reused pid belongs to a process started later than the one that wrote the entry.
            return Optional.of(start.map(s -> Math.abs(s.toEpochMilli() - started) > 2000).orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String ownerName() {
        ProcessHandle me = ProcessHandle.current();
        long started = me.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return hostName() + "/" + me.pid() + "/" + started;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replace('/', '_');
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private static Supplier<FlowLens> memoize(Supplier<FlowLens> s) {
        return new Supplier<>() {
            private FlowLens value;

            @Override
            public synchronized FlowLens get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Stops polling, lets running workflows finish for the configured grace period, then cancels them (history
     * says CANCELLED) and returns once the scheduler's threads are done. The store stays open (its owner closes it).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping.countDown();
        LOG.info("scheduler {} stopping; {} run(s) in progress get {} to finish", owner, runner.activeCount(),
                ScheduledRunner.human(config.shutdownGrace()));
        housekeeping.schedule(runner::cancelAll, config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.stop();
        housekeeping.shutdownNow();
        LOG.info("scheduler {} stopped", owner);
    }
}

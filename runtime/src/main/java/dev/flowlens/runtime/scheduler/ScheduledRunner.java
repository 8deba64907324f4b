package dev.flowlens.runtime.scheduler;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.validation.ParameterOverrides;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.RunHandle;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.Trigger;
import dev.flowlens.runtime.value.ItemError;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one due run of a schedule through {@link FlowLens}: reads the workflow file as it is now, applies the
 * overrides, validates, runs, retries failed runs with a doubling back-off, and writes each step to history.
 * Problems with the file itself are recorded as a failed run with the issues, and are not retried.
 */
final class ScheduledRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRunner.class);

    private final ScheduleStore store;
    private final Supplier<FlowLens> runtime;
    private final ServiceConfig config;
    private final CountDownLatch stopping;
    private final Map<String, RunHandle> active = new ConcurrentHashMap<>();

    ScheduledRunner(ScheduleStore store, Supplier<FlowLens> runtime, ServiceConfig config, CountDownLatch stopping) {
        this.store = store;
        this.runtime = runtime;
        this.config = config;
        this.stopping = stopping;
    }

    /** Runs {@code started} (already in history as RUNNING) to its end and returns the final record. */
    RunRecord run(WorkflowSchedule schedule, RunRecord started) {
        RunRecord current = started;
        for (int attempt = 0; ; attempt++) {
            Attempt a = attempt(schedule, started.runId());
            current = new RunRecord(started.runId(), started.scheduleId(), started.workflowFile(), started.trigger(),
                    started.note(), started.startedAt(), Instant.now(), a.status, a.itemsOk, a.itemsFailed, a.itemsFlagged, a.nodeErrors,
                    a.outputFiles, attempt, started.owner());
            boolean last = attempt >= schedule.retries() || !a.retryable || isStopping();
            if (a.status == RunRecord.Status.SUCCEEDED || last) {
                return current;
            }
            Duration wait = config.retryBackoff().multipliedBy(1L << Math.min(attempt, 20));
            RunRecord progress = new RunRecord(current.runId(), current.scheduleId(), current.workflowFile(),
                    current.trigger(), note(started.note(), "attempt " + (attempt + 1) + " failed; retry "
                    + (attempt + 1) + " of " + schedule.retries() + " in " + human(wait)), current.startedAt(), null,
                    RunRecord.Status.RUNNING, a.itemsOk, a.itemsFailed, a.itemsFlagged, a.nodeErrors, a.outputFiles, attempt + 1,
                    current.owner());
            store.update(progress);
            LOG.info("schedule {} run {}: attempt {} failed, retrying in {}", schedule.id(), started.runId(), attempt + 1,
                    human(wait));
            boolean stopped;
            try {
                stopped = stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
            if (stopped) {
                return new RunRecord(current.runId(), current.scheduleId(), current.workflowFile(), current.trigger(),
                        note(started.note(), "the service stopped before retry " + (attempt + 1)), current.startedAt(),
                        Instant.now(), current.status(), current.itemsOk(), current.itemsFailed(), current.itemsFlagged(),
                        current.nodeErrors(),
                        current.outputFiles(), attempt, current.owner());
            }
        }
    }

    private boolean isStopping() {
        return stopping.getCount() == 0;
    }

    private Attempt attempt(WorkflowSchedule schedule, String runId) {
        Path file = schedule.workflowFile();
        Workflow workflow;
        try {
            workflow = ScheduleBook.readWorkflow(file);
        } catch (IllegalArgumentException e) {
            return Attempt.failed(Map.of("workflow", e.getMessage()), false);
        }
        FlowLens flowLens;
        try {
            flowLens = runtime.get();
        } catch (RuntimeException e) {
            return Attempt.failed(Map.of("workflow", "the runtime could not start: " + e.getMessage()), true);
        }
        ParameterOverrides overrides = ParameterOverrides.of(schedule.overrides());
        ParameterOverrides.Result applied = overrides.apply(workflow, flowLens.catalog());
        List<ValidationIssue> issues = new java.util.ArrayList<>(applied.issues());
        if (applied.ok()) {
            issues.addAll(flowLens.validate(applied.workflow()));
        }
        Map<String, String> errors = issueMap(issues);
        if (!errors.isEmpty()) {
            return Attempt.failed(errors, false);
        }
        RunRequest request = RunRequest.of(workflow)
                .withWorkflowFile(file)
                .withOverrides(overrides)
                .withTrigger(Trigger.schedule(schedule.id()))
                .withLastSuccessfulRun(schedule.lastSuccessfulRun());
        RunHandle handle;
        try {
            handle = flowLens.start(request, RunListener.NONE);
        } catch (RuntimeException e) {
            LOG.warn("schedule {} run {}: the runtime refused the run", schedule.id(), runId, e);
            return Attempt.failed(Map.of("workflow", "the run could not start: " + e.getMessage()), true);
        }
        active.put(runId, handle);
        try {
            RunSummary summary = await(handle);
            saveAudit(runId, request, handle, summary, overrides.redacted(workflow, flowLens.catalog()));
            return Attempt.of(summary);
        } finally {
            active.remove(runId);
        }
    }

    /** The audit is a record of the run, not part of it: a store problem here is logged, never fails the run. */
    private void saveAudit(String runId, RunRequest request, RunHandle handle, RunSummary summary,
                           Map<String, String> redacted) {
        try {
            store.saveAudit(RunAudit.of(runId, request, handle.info(), summary, redacted));
        } catch (RuntimeException e) {
            LOG.warn("run {}: its audit trail could not be saved", runId, e);
        }
    }

    /** A history entry for a run that ended, as the scheduler would write it. */
    static RunRecord recordOf(String runId, String scheduleId, String workflowFile, String trigger, String note,
                              RunSummary summary, int retries, String owner) {
        Attempt a = Attempt.of(summary);
        return new RunRecord(runId, scheduleId, workflowFile, trigger, note, summary.startedAt(), summary.finishedAt(),
                a.status, a.itemsOk, a.itemsFailed, a.itemsFlagged, a.nodeErrors, a.outputFiles, retries, owner);
    }

    /** Waits for the run; if this thread is interrupted (the service gave up waiting), cancels it first. */
    private static RunSummary await(RunHandle handle) {
        try {
            return handle.completion().get();
        } catch (InterruptedException e) {
            handle.cancel();
            try {
                return handle.completion().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException again) {
                throw new IllegalStateException("run " + handle.runId() + " did not stop after cancel", again);
            } finally {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + handle.runId() + " ended with an error", e.getCause());
        }
    }

    /** Cancels every run in progress (the end of the shutdown grace period). */
    void cancelAll() {
        active.values().forEach(RunHandle::cancel);
    }

    int activeCount() {
        return active.size();
    }

    static Map<String, String> issueMap(List<ValidationIssue> issues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ValidationIssue i : issues) {
            if (!i.isError()) {
                continue;
            }
            String key = i.nodeId().map(NodeId::value).orElse("workflow");
            out.merge(key, i.message(), (a, b) -> a + "; " + b);
        }
        return out;
    }

    static String note(String base, String more) {
        return base == null || base.isEmpty() ? more : base + "; " + more;
    }

    static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        if (d.toSeconds() < 120) {
            return d.toSeconds() + " s";
        }
        return d.toMinutes() + " min";
    }

    /** The outcome of one attempt. */
    private record Attempt(RunRecord.Status status, int itemsOk, int itemsFailed, int itemsFlagged,
                           Map<String, String> nodeErrors, List<String> outputFiles, boolean retryable) {
        static Attempt failed(Map<String, String> errors, boolean retryable) {
            return new Attempt(RunRecord.Status.FAILED, 0, 0, 0, errors, List.of(), retryable);
        }

        static Attempt of(RunSummary s) {
            Map<String, String> errors = issueMap(s.issues());
            s.results().forEach((node, result) -> {
                if (result instanceof NodeResult.Failed f) {
                    errors.put(node.value(), f.message());
                } else {
                    List<ItemError> itemErrors = result instanceof NodeResult.Succeeded ok ? ok.itemErrors()
                            : result instanceof NodeResult.Cached c ? c.itemErrors() : List.of();
                    int items = result instanceof NodeResult.Succeeded ok ? ok.items()
                            : result instanceof NodeResult.Cached c ? c.items() : 0;
                    if (!itemErrors.isEmpty()) {
                        errors.put(node.value(), itemErrors.size() + " of " + items + " items failed; first: "
                                + itemErrors.get(0).message());
                    }
                }
            });
            RunRecord.Status status;
            boolean retryable = false;
            switch (s.status()) {
                case SUCCEEDED -> status = RunRecord.Status.SUCCEEDED;
                case CANCELLED -> status = RunRecord.Status.CANCELLED;
                case INTERRUPTED -> status = RunRecord.Status.INTERRUPTED;
                case INVALID -> status = RunRecord.Status.FAILED;
                default -> {
                    status = RunRecord.Status.FAILED;
                    retryable = true;
                }
            }
            return new Attempt(status, s.itemsOk(), s.itemsFailed(), s.itemsFlagged(), errors,
                    s.outputFiles().stream().map(Path::toString).toList(), retryable);
        }
    }
}

package dev.flowlens.runtime.scheduler;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * The one db-scheduler task behind every schedule: each schedule is one task instance (instance id = schedule
 * id), so db-scheduler's row locking is what guarantees that one due execution runs once and that a schedule's
 * runs never overlap. The instance's data says why it is due.
 */
final class ScheduleTask {
    static final String NAME = "flowlens-schedule";

    /** Why an execution is due; stored as db-scheduler task data. */
    static final String CRON = "cron";
    static final String RUN_NOW = "run-now";
    static final String QUEUED = "queued";

    private ScheduleTask() {
    }

    static TaskInstance<String> instance(String scheduleId, String reason) {
        return new TaskInstance<>(NAME, scheduleId, reason);
    }

    /** The task as a client sees it: enough to schedule, reschedule and cancel instances, never to run them. */
    static CustomTask<String> descriptor() {
        return Tasks.custom(NAME, String.class).execute((instance, ctx) -> {
            throw new IllegalStateException("a schedule book does not execute schedules; run flowlens service");
        });
    }

    static CustomTask<String> executing(ExecutionHandler<String> handler, FailureHandler<String> onFailure,
                                        DeadExecutionHandler<String> onDead) {
        return Tasks.custom(NAME, String.class)
                .onFailure(onFailure)
                .onDeadExecution(onDead)
                .execute(handler);
    }

    static CompletionHandler<String> remove() {
        return (complete, ops) -> ops.remove();
    }
}

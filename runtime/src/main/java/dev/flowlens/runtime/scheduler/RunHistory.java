package dev.flowlens.runtime.scheduler;

import dev.flowlens.runtime.api.RunInfo;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunSummary;
import java.util.Locale;
import java.util.Map;

/**
 * Writes runs that did not come from a schedule (the CLI, the app, the HTTP API) into the same history and audit
 * trail as scheduled ones, keyed by the executor's run id.
 */
public final class RunHistory {
    private RunHistory() {
    }

    /**
     * Records a finished run and its audit; {@code redactedOverrides} must already hide secret values
     * ({@link dev.flowlens.core.validation.ParameterOverrides#redacted}). Returns the history entry.
     */
    public static RunRecord record(ScheduleStore store, RunRequest request, RunInfo info, RunSummary summary,
                                   Map<String, String> redactedOverrides) {
        String file = request.workflowFileOpt().map(f -> f.toAbsolutePath().normalize().toString())
                .orElse(summary.workflowName());
        RunRecord record = ScheduledRunner.recordOf(summary.runId(), null, file,
                summary.trigger().kind().name().toLowerCase(Locale.ROOT), "", summary, 0, ScheduleService.processName());
        store.insert(record);
        store.saveAudit(RunAudit.of(record.runId(), request, info, summary, redactedOverrides));
        return record;
    }
}

package dev.flowlens.runtime.alert;

import dev.flowlens.runtime.scheduler.RunRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One alert about one run: what happened and the facts a reader needs (schedule, workflow, status, items, the
 * node errors as history has them). Never carries parameter values, so secrets cannot leak into it.
 */
public record Alert(Event event, String scheduleId, String workflow, String runId, String status, int itemsOk,
                    int itemsFailed, int itemsFlagged, Map<String, String> errors, Instant at) {

    public enum Event {
        FAILURE, RECOVERY, FAILED_ITEMS, FLAGGED_ITEMS, TEST;

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Alert {
        scheduleId = scheduleId == null ? "" : scheduleId;
        errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    static Alert about(Event event, RunRecord r) {
        return new Alert(event, r.scheduleId(), r.workflowFile(), r.runId(), r.status().name(), r.itemsOk(),
                r.itemsFailed(), r.itemsFlagged(), r.nodeErrors(), r.finishedAt() == null ? Instant.now() : r.finishedAt());
    }

    static Alert test(AlertRule rule) {
        return new Alert(Event.TEST, rule.scheduleId(), "", "", "TEST", 0, 0, 0, Map.of(), Instant.now());
    }

    public String subject() {
        String what = switch (event) {
            case FAILURE -> "failed";
            case RECOVERY -> "recovered";
            case FAILED_ITEMS -> itemsFailed + " item(s) failed";
            case FLAGGED_ITEMS -> itemsFlagged + " item(s) flagged for review";
            case TEST -> "test alert";
        };
        return "FlowLens: " + (scheduleId.isEmpty() ? "" : "schedule " + scheduleId + " ") + what;
    }

    /** The message as people read it in a chat or a mail. */
    public String text() {
        if (event == Event.TEST) {
            return "FlowLens test alert" + (scheduleId.isEmpty() ? "" : " for schedule " + scheduleId)
                    + ": if you read this, alerts reach you.";
        }
        StringBuilder sb = new StringBuilder(subject()).append('\n');
        sb.append("workflow: ").append(workflow).append('\n');
        sb.append("run: ").append(runId).append(" (").append(status).append(")\n");
        sb.append("items: ").append(itemsOk).append(" ok, ").append(itemsFailed).append(" failed");
        sb.append(itemsFlagged > 0 ? ", " + itemsFlagged + " flagged for review\n" : "\n");
        errors.forEach((node, message) -> sb.append(node).append(": ").append(message).append('\n'));
        sb.append("details: flowlens runs show ").append(runId);
        return sb.toString();
    }
}

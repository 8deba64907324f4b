package dev.flowlens.runtime.scheduler;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/** What a user asks for when adding a schedule; {@link ScheduleBook#add} checks it and gives it an id. */
public record NewSchedule(Path workflowFile, String cron, ZoneId zone, List<String> overrides, boolean enabled,
                          MissedRunPolicy missedRuns, OverlapPolicy overlap, int retries) {
    public NewSchedule {
        Objects.requireNonNull(workflowFile, "workflowFile");
        Objects.requireNonNull(cron, "cron");
        zone = zone == null ? ZoneId.systemDefault() : zone;
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        missedRuns = missedRuns == null ? MissedRunPolicy.RUN_ONCE : missedRuns;
        overlap = overlap == null ? OverlapPolicy.SKIP : overlap;
    }

    public static NewSchedule of(Path workflowFile, String cron, ZoneId zone) {
        return new NewSchedule(workflowFile, cron, zone, List.of(), true, MissedRunPolicy.RUN_ONCE, OverlapPolicy.SKIP,
                WorkflowSchedule.DEFAULT_RETRIES);
    }

    public NewSchedule withOverrides(List<String> assignments) {
        return new NewSchedule(workflowFile, cron, zone, assignments, enabled, missedRuns, overlap, retries);
    }

    public NewSchedule withPolicies(MissedRunPolicy missed, OverlapPolicy overlapPolicy) {
        return new NewSchedule(workflowFile, cron, zone, overrides, enabled, missed, overlapPolicy, retries);
    }

    public NewSchedule withRetries(int n) {
        return new NewSchedule(workflowFile, cron, zone, overrides, enabled, missedRuns, overlap, n);
    }

    public NewSchedule withEnabled(boolean on) {
        return new NewSchedule(workflowFile, cron, zone, overrides, on, missedRuns, overlap, retries);
    }

    LinkedHashMap<String, String> overrideMap() {
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        dev.flowlens.core.validation.ParameterOverrides.parse(overrides); // throws on a malformed one
        for (String a : overrides) {
            int eq = a.indexOf('=');
            map.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return map;
    }
}

package dev.flowlens.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-workflow dashboard numbers from a known history. */
class WorkflowDashboardTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    private static void run(ScheduleStore store, String id, String wf, Instant start, long millis, RunRecord.Status s,
                            int ok, int failed) {
        store.insert(new RunRecord(id, null, wf, "schedule", "", start, start.plusMillis(millis), s, ok, failed,
                Map.of(), List.of(), 0, "test"));
    }

    @Test
    void runsPerDayFailureRateAndLatencyPerItem() {
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(dir.resolve("data")))) {
            String wf = "/flows/moderation.json";
            // 10 items in 1 s = 100 ms per item; 4 items in 2 s = 500 ms; 5 items in 100 ms = 20 ms.
            run(store, "r1", wf, NOW.minus(Duration.ofDays(2)), 1_000, RunRecord.Status.SUCCEEDED, 10, 0);
            run(store, "r2", wf, NOW.minus(Duration.ofDays(2)).plusSeconds(60), 2_000, RunRecord.Status.FAILED, 2, 2);
            run(store, "r3", wf, NOW.minus(Duration.ofHours(1)), 100, RunRecord.Status.SUCCEEDED, 5, 0);
            run(store, "skip", wf, NOW.minus(Duration.ofHours(2)), 0, RunRecord.Status.SKIPPED, 0, 0);
            run(store, "too-old", wf, NOW.minus(Duration.ofDays(10)), 1_000, RunRecord.Status.FAILED, 0, 1);
            run(store, "other", "/flows/other.json", NOW.minus(Duration.ofHours(1)), 1_000, RunRecord.Status.FAILED, 0, 1);

            WorkflowDashboard week = WorkflowDashboard.of(store, wf, 7, UTC, NOW);

            assertThat(week.perDay()).hasSize(7);
            assertThat(week.perDay().get(0).date()).isEqualTo(LocalDate.of(2026, 11, 16));
            assertThat(week.perDay()).filteredOn(d -> d.runs() > 0).containsExactly(
                    new WorkflowDashboard.Day(LocalDate.of(2026, 11, 20), 2, 1),
                    new WorkflowDashboard.Day(LocalDate.of(2026, 11, 22), 1, 0));
            assertThat(week.finishedRuns()).isEqualTo(3);
            assertThat(week.failedRuns()).isEqualTo(1);
            assertThat(week.failureRate()).isEqualTo(1 / 3.0);
            assertThat(week.medianMillisPerItem()).contains(100.0);
            assertThat(week.p95MillisPerItem()).contains(500.0);
            assertThat(week.itemsOk()).isEqualTo(17);
            assertThat(week.itemsFailed()).isEqualTo(2);

            WorkflowDashboard month = WorkflowDashboard.of(store, wf, 30, UTC, NOW);
            assertThat(month.finishedRuns()).isEqualTo(4);
            assertThat(month.failureRate()).isEqualTo(0.5);

            WorkflowDashboard none = WorkflowDashboard.of(store, "/flows/never.json", 7, UTC, NOW);
            assertThat(none.finishedRuns()).isZero();
            assertThat(none.failureRate()).isZero();
            assertThat(none.medianMillisPerItem()).isEqualTo(Optional.empty());
        }
    }
}

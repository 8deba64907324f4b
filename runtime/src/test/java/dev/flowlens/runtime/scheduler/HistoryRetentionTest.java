package dev.flowlens.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History is pruned by age and by runs per workflow; output files stay unless asked; running runs are never pruned. */
class HistoryRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    private RunRecord run(ScheduleStore store, String id, String workflow, Instant started, RunRecord.Status status)
            throws Exception {
        Path out = Files.createDirectories(dir.resolve("out").resolve(id)).resolve("report.csv");
        Files.writeString(out, id);
        RunRecord r = new RunRecord(id, null, workflow, "cli", "", started,
                status == RunRecord.Status.RUNNING ? null : started.plusSeconds(5), status, 1, 0, Map.of(),
                List.of(out.toString()), 0, "test");
        store.insert(r);
        store.saveAudit(new RunAudit(id, id, "wf", workflow, "ab", 1, "cli", "me", Map.of(), "cpu", Map.of(), started,
                List.of(RunAudit.hash(out)), List.of()));
        return r;
    }

    @Test
    void keepsTheNewestRunsPerWorkflowAndDropsOldOnesButNotTheirFiles() throws Exception {
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(dir.resolve("data")))) {
            for (int i = 1; i <= 4; i++) {
                run(store, "a" + i, "/flows/a.json", NOW.minus(Duration.ofHours(10 - i)), RunRecord.Status.SUCCEEDED);
            }
            run(store, "b1", "/flows/b.json", NOW.minus(Duration.ofDays(40)), RunRecord.Status.FAILED);
            run(store, "b2", "/flows/b.json", NOW.minus(Duration.ofDays(1)), RunRecord.Status.SUCCEEDED);
            run(store, "c-running", "/flows/c.json", NOW.minus(Duration.ofDays(60)), RunRecord.Status.RUNNING);

            RetentionPolicy.Pruned pruned = store.prune(new RetentionPolicy(Duration.ofDays(30), 2, false), NOW);

            assertThat(pruned).isEqualTo(new RetentionPolicy.Pruned(3, 0));
            assertThat(store.history(null, 100)).extracting(RunRecord::runId)
                    .containsExactlyInAnyOrder("a4", "a3", "b2", "c-running");
            assertThat(store.audit("a1")).isEmpty();
            assertThat(store.audit("a3")).isPresent();
            // History went, the files did not.
            assertThat(dir.resolve("out/a1/report.csv")).exists();
            assertThat(dir.resolve("out/b1/report.csv")).exists();
        }
    }

    @Test
    void deletesOutputFilesOnlyWhenAskedAndTheServiceListenerPrunesAfterARun() throws Exception {
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(dir.resolve("data")))) {
            run(store, "old", "/flows/a.json", Instant.now().minus(Duration.ofDays(10)), RunRecord.Status.SUCCEEDED);
            RunRecord fresh = run(store, "new", "/flows/a.json", Instant.now(), RunRecord.Status.SUCCEEDED);
            HistoryRetention retention = new HistoryRetention(store, new RetentionPolicy(Duration.ofDays(7), null, true));

            retention.runFinished(fresh);

            assertThat(store.history(null, 10)).extracting(RunRecord::runId).containsExactly("new");
            assertThat(dir.resolve("out/old/report.csv")).doesNotExist();
            assertThat(dir.resolve("out/old")).doesNotExist();
            assertThat(dir.resolve("out/new/report.csv")).exists();
        }
    }
}

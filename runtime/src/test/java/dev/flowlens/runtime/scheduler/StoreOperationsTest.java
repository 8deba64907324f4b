package dev.flowlens.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.Operations;
import dev.flowlens.runtime.api.RunHandle;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's operations facade over a real SQLite store: an app run is recorded with its output files, API and
 * scheduled runs appear beside it with their triggers, the dashboard counts them, and a failed then fixed schedule
 * is news twice (failed, recovered) while an ordinary success is not.
 */
class StoreOperationsTest {
    @TempDir
    Path dir;

    @Test
    void everyTriggerIsListedAndAnAppRunKeepsItsFiles() throws Exception {
        Path data = dir.resolve("data");
        Path wf = SchedulerFixture.writingWorkflow(dir.resolve("flows"), "nightly", 7);
        try (FlowLens runtime = SchedulerFixture.runtime(data); Operations ops = Operations.open(data)) {
            RunRequest request = RunRequest.of(WorkflowCodec.read(wf)).withWorkflowFile(wf)
                    .withOutputFolder(dir.resolve("out")).withTrigger(Trigger.manual("ada"));
            RunHandle handle = runtime.start(request, e -> { });
            RunSummary summary = handle.completion().join();
            Operations.PastRun recorded = ops.record(request, handle.info(), summary, runtime.catalog());
            assertThat(recorded.trigger()).isEqualTo("manual");
            assertThat(recorded.status()).isEqualTo("succeeded");

            try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data))) {
                Instant t = Instant.now().minusSeconds(60);
                store.insert(new RunRecord("api-1", null, wf.toString(), "api", "API run from script", t,
                        t.plusSeconds(2), RunRecord.Status.FAILED, 3, 1, Map.of("write", "disk full"), List.of(), 0, "api"));
            }
            List<Operations.PastRun> runs = ops.runs(10);
            assertThat(runs).extracting(Operations.PastRun::trigger).containsExactly("manual", "api");
            assertThat(runs.get(1).nodeErrors()).containsEntry("write", "disk full");

            List<Operations.OutputFile> files = ops.outputs(recorded.runId());
            assertThat(files).singleElement().satisfies(f -> {
                assertThat(f.path().getFileName().toString()).isEqualTo("out.txt");
                assertThat(f.present()).isTrue();
                assertThat(f.sha256()).hasSize(64);
                assertThat(Files.readString(f.path())).contains("7");
            });
            // How each node ended is kept, so the app can show a past run's nodes.
            assertThat(ops.nodeResults(recorded.runId())).containsOnlyKeys("number", "write")
                    .allSatisfy((node, r) -> assertThat(r).isInstanceOf(dev.flowlens.runtime.api.NodeResult.Succeeded.class));
            assertThat(ops.nodeResults("api-1")).isEmpty();
            assertThat(ops.workflows()).containsExactly(wf.toAbsolutePath().normalize().toString());

            Operations.Dashboard d = ops.dashboard(wf.toString(), 7);
            assertThat(d.finishedRuns()).isEqualTo(2);
            assertThat(d.failedRuns()).isEqualTo(1);
            assertThat(d.perDay()).hasSize(7);
            assertThat(d.perDay().get(6).runs()).isEqualTo(2);
        }
    }

    @Test
    void aFailedScheduleIsNewsAndSoIsItsRecoveryButNotAnOrdinarySuccess() {
        Path data = dir.resolve("data");
        Instant since = Instant.now().minusSeconds(3600);
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data)); Operations ops = Operations.open(data)) {
            Instant t = Instant.now().minusSeconds(600);
            store.insert(run("r1", t, RunRecord.Status.SUCCEEDED));
            store.insert(run("r2", t.plusSeconds(60), RunRecord.Status.FAILED));
            store.insert(run("r3", t.plusSeconds(120), RunRecord.Status.SUCCEEDED));
            store.insert(run("r4", t.plusSeconds(180), RunRecord.Status.SUCCEEDED));

            List<Operations.Change> news = ops.scheduledChangesAfter(since);
            assertThat(news).extracting(c -> c.run().runId() + ":" + c.recovered()).containsExactly("r2:false", "r3:true");
            assertThat(ops.scheduledChangesAfter(t.plusSeconds(150))).isEmpty();
        }
    }

    private static RunRecord run(String id, Instant at, RunRecord.Status status) {
        return new RunRecord(id, "hourly", "/flows/scan.json", "schedule", "", at, at.plus(Duration.ofSeconds(5)), status,
                1, 0, status == RunRecord.Status.FAILED ? Map.of("scan", "folder missing") : Map.of(), List.of(), 0, "test");
    }
}

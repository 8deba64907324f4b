package dev.flowlens.runtime.scheduler;

import static dev.flowlens.runtime.scheduler.SchedulerFixture.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.runtime.api.FlowLens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scheduled run leaves an audit trail: the schedule that started it, the workflow hash, its output's hash. */
class ScheduledAuditTest {
    @TempDir
    Path dir;

    @Test
    void scheduledRunRecordsWhoStartedItAndTheHashesOfWorkflowAndOutputs() throws Exception {
        Path data = dir.resolve("data");
        Path wf = SchedulerFixture.writingWorkflow(dir.resolve("flows"), "audited", 5);
        SchedulerFixture.Events events = new SchedulerFixture.Events();
        try (FlowLens runtime = SchedulerFixture.runtime(data);
             ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data));
             ScheduleService service = ScheduleService.start(store, () -> runtime, FAST, events)) {
            WorkflowSchedule s = service.book().add(NewSchedule.of(wf, "0 * * * *", ZoneId.of("UTC"))
                    .withOverrides(List.of("number.value=9")));
            service.book().runNow(s.id());
            RunRecord done = events.nextFinished();

            RunAudit audit = store.audit(done.runId()).orElseThrow();
            assertThat(audit.triggerKind()).isEqualTo("schedule");
            assertThat(audit.triggerDetail()).isEqualTo(s.id());
            assertThat(audit.workflowSha256()).isEqualTo(sha256(wf));
            assertThat(audit.workflowPath()).isEqualTo(wf.toAbsolutePath().toString());
            assertThat(audit.overrides()).containsExactly(java.util.Map.entry("number.value", "9"));
            Path out = Path.of(done.outputFiles().get(0));
            assertThat(audit.outputs()).containsExactly(new RunAudit.OutputFile(out.toString(), sha256(out), 1));
            // Found by the executor's run id as well (the id in the output folder's name).
            assertThat(store.audit(audit.engineRunId())).contains(audit);
            assertThat(out.getParent().getFileName().toString()).isEqualTo(audit.engineRunId());
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

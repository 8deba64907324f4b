package dev.flowlens.runtime.scheduler;

import static dev.flowlens.runtime.scheduler.SchedulerFixture.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.testnodes.TestNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerServiceTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    @TempDir
    Path dir;
    private Path data;
    private Path flows;
    private FlowLens runtime;

    @BeforeEach
    void setUp() {
        data = dir.resolve("data");
        flows = dir.resolve("flows");
        runtime = SchedulerFixture.runtime(data);
    }

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private ScheduleStore openStore() {
        return ScheduleStore.open(StoreLocation.sqlite(data));
    }

    @Test
    void runNowRunsTheSavedWorkflowAndHistoryHasTheResult() throws Exception {
        Path wf = SchedulerFixture.writingWorkflow(flows, "numbers", 7);
        SchedulerFixture.Events events = new SchedulerFixture.Events();
        try (ScheduleStore store = openStore(); ScheduleService service = ScheduleService.start(store, () -> runtime, FAST, events)) {
            ScheduleBook book = service.book();
            WorkflowSchedule s = book.add(NewSchedule.of(wf, "0 * * * *", UTC).withOverrides(List.of("number.value=42")));
            Instant plannedBefore = book.nextDue(s.id()).orElseThrow();
            assertThat(plannedBefore).isEqualTo(CronExpression.parse("0 * * * *", UTC).next(s.createdAt()));

            assertThat(book.runNow(s.id())).isEqualTo(ScheduleBook.RunNowResult.STARTING);
            RunRecord done = events.nextFinished();

            assertThat(done.status()).isEqualTo(RunRecord.Status.SUCCEEDED);
            assertThat(done.trigger()).isEqualTo("run-now");
            assertThat(done.outputFiles()).hasSize(1);
            Path out = Path.of(done.outputFiles().get(0));
            assertThat(Files.readString(out)).isEqualTo("42");
            assertThat(store.history(s.id(), 10)).containsExactly(done);
            assertThat(book.get(s.id()).lastSuccessfulRun()).isEqualTo(done.startedAt());
            // After a run-now the schedule goes back to its cron times.
            SchedulerFixture.await("execution re-planned", Duration.ofSeconds(10), () -> !book.isRunning(s.id()));
            assertThat(book.nextDue(s.id()).orElseThrow()).isEqualTo(plannedBefore);
        }
    }

    @Test
    void schedulesAndHistorySurviveARestartAndAMissedRunRunsOnceOrIsSkippedByPolicy() throws Exception {
        Path wf = SchedulerFixture.writingWorkflow(flows, "hourly", 1);
        String runOnce;
        String skip;
        RunRecord first;
        try (ScheduleStore store = openStore()) {
            SchedulerFixture.Events events = new SchedulerFixture.Events();
            try (ScheduleService service = ScheduleService.start(store, () -> runtime, FAST, events)) {
                runOnce = service.book().add(NewSchedule.of(wf, "0 * * * *", UTC)).id();
                skip = service.book().add(NewSchedule.of(wf, "30 * * * *", UTC)
                        .withPolicies(MissedRunPolicy.SKIP, OverlapPolicy.SKIP)).id();
                service.book().runNow(runOnce);
                first = events.nextFinished();
            }
            // The service is stopped. Three hours pass: both schedules' fire times go by unseen.
            SchedulerFixture.makeDue(store, runOnce, Instant.now().minus(Duration.ofHours(3)));
            SchedulerFixture.makeDue(store, skip, Instant.now().minus(Duration.ofHours(3)));
        }
        assertThat(SchedulerFixture.outputsUnder(flows)).isEqualTo(1);

        SchedulerFixture.Events events = new SchedulerFixture.Events();
        try (ScheduleStore store = openStore(); ScheduleService service = ScheduleService.start(store, () -> runtime, FAST, events)) {
            ScheduleBook book = service.book();
            // Both were made in the same millisecond or two, so their order in the list is not the point here.
            assertThat(book.list()).extracting(WorkflowSchedule::id).containsExactlyInAnyOrder(runOnce, skip);
            RunRecord a = events.nextFinished();
            RunRecord b = events.nextFinished();
            RunRecord missed = a.scheduleId().equals(runOnce) ? a : b;
            RunRecord skipped = a.scheduleId().equals(skip) ? a : b;

            assertThat(missed.status()).isEqualTo(RunRecord.Status.SUCCEEDED);
            assertThat(missed.note()).startsWith("missed run, started late (due ");
            assertThat(skipped.status()).isEqualTo(RunRecord.Status.SKIPPED);
            assertThat(skipped.note()).startsWith("missed run (due ").endsWith("skipped by missed-run policy");
            // Once, not three times: both are planned at their next cron time again.
            for (String id : List.of(runOnce, skip)) {
                SchedulerFixture.await("re-planned " + id, Duration.ofSeconds(10),
                        () -> book.nextDue(id).map(t -> t.isAfter(Instant.now())).orElse(false));
            }
            assertThat(events.finished.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(book.history(runOnce, 10)).containsExactly(missed, first);
            assertThat(SchedulerFixture.outputsUnder(flows)).isEqualTo(2);
        }
    }

    @Test
    void overlapSkipNeverStartsASecondRunWhileTheFirstIsGoing() throws Exception {
        CyclicBarrier gate = new CyclicBarrier(2);
        TestNodes.BARRIERS.put("overlap-skip", gate);
        Path wf = SchedulerFixture.blockingWorkflow(flows, "slow", "overlap-skip");
        SchedulerFixture.Events events = new SchedulerFixture.Events();
        try (ScheduleStore store = openStore(); ScheduleService service = ScheduleService.start(store, () -> runtime, FAST, events)) {
            ScheduleBook book = service.book();
            String id = book.add(NewSchedule.of(wf, "* * * * *", UTC).withRetries(0)).id();
            book.runNow(id);
            RunRecord running = events.nextStarted();

            assertThat(book.isRunning(id)).isTrue();
            assertThat(book.runNow(id)).isEqualTo(ScheduleBook.RunNowResult.SKIPPED_RUNNING);
            assertThat(book.runNow(id)).isEqualTo(ScheduleBook.RunNowResult.SKIPPED_RUNNING);
            assertThat(store.running()).extracting(RunRecord::runId).containsExactly(running.runId());

            gate.await(10, TimeUnit.SECONDS);
            RunRecord done = events.nextFinished();
            assertThat(done.runId()).isEqualTo(running.runId());
            assertThat(done.status()).isEqualTo(RunRecord.Status.SUCCEEDED);
            assertThat(events.started.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(store.history(id, 10)).extracting(RunRecord::status).doesNotContain(RunRecord.Status.RUNNING);
        }
    }

    @Test
    void overlapQueueRunsOnceMoreRightAfterTheCurrentRun() throws Exception {
        CyclicBarrier gate = new CyclicBarrier(2);
        TestNodes.BARRIERS.put("overlap-queue", gate);
        Path wf = SchedulerFixture.blockingWorkflow(flows, "slow", "overlap-queue");
        SchedulerFixture.Events events = new SchedulerFixture.Events();
        try (ScheduleStore store = openStore(); ScheduleService service = ScheduleService.start(store, () -> runtime, FAST, events)) {
            ScheduleBook book = service.book();
            String id = book.add(NewSchedule.of(wf, "* * * * *", UTC).withPolicies(MissedRunPolicy.RUN_ONCE, OverlapPolicy.QUEUE)
                    .withRetries(0)).id();
            book.runNow(id);
            events.nextStarted();
            assertThat(book.runNow(id)).isEqualTo(ScheduleBook.RunNowResult.QUEUED_AFTER_CURRENT);
            assertThat(book.runNow(id)).isEqualTo(ScheduleBook.RunNowResult.QUEUED_AFTER_CURRENT);

            gate.await(10, TimeUnit.SECONDS);
            RunRecord first = events.nextFinished();
            RunRecord second = events.nextStarted();
            assertThat(second.startedAt()).isAfterOrEqualTo(first.finishedAt());
            gate.await(10, TimeUnit.SECONDS);
            assertThat(events.nextFinished().status()).isEqualTo(RunRecord.Status.SUCCEEDED);
            // Two requests while running queue one run, not two.
            assertThat(events.started.poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(store.history(id, 10)).hasSize(2);
        }
    }

    @Test
    void aWorkflowThatAlwaysFailsIsRetriedWithBackoffAndDoesNotHoldUpAnotherSchedule() throws Exception {
        Path bad = SchedulerFixture.failingWorkflow(flows, "bad");
        Path good = SchedulerFixture.writingWorkflow(flows, "good", 3);
        SchedulerFixture.Events events = new SchedulerFixture.Events();
        ServiceConfig config = FAST.withRetryBackoff(Duration.ofMillis(400));
        try (ScheduleStore store = openStore(); ScheduleService service = ScheduleService.start(store, () -> runtime, config, events)) {
            ScheduleBook book = service.book();
            String badId = book.add(NewSchedule.of(bad, "0 * * * *", UTC)).id();
            String goodId = book.add(NewSchedule.of(good, "0 * * * *", UTC)).id();
            book.runNow(badId);
            assertThat(events.nextStarted().scheduleId()).isEqualTo(badId);
            book.runNow(goodId);

            RunRecord firstDone = events.nextFinished();
            RunRecord secondDone = events.nextFinished();
            assertThat(firstDone.scheduleId()).isEqualTo(goodId);
            assertThat(firstDone.status()).isEqualTo(RunRecord.Status.SUCCEEDED);
            assertThat(secondDone.scheduleId()).isEqualTo(badId);
            assertThat(secondDone.status()).isEqualTo(RunRecord.Status.FAILED);
            assertThat(secondDone.retries()).isEqualTo(3);
            assertThat(secondDone.nodeErrors()).containsKey("broken");
            assertThat(secondDone.nodeErrors().get("broken")).contains("the answer is not valid JSON");
            // 400 + 800 + 1600 ms of back-off between the four attempts.
            assertThat(secondDone.duration().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofMillis(2800));
            assertThat(book.nextDue(badId)).isPresent();
        }
    }

    @Test
    void aBrokenWorkflowFileIsAFailedRunWithTheProblemAndTheScheduleStays() throws Exception {
        Path wf = SchedulerFixture.writingWorkflow(flows, "edited", 5);
        SchedulerFixture.Events events = new SchedulerFixture.Events();
        try (ScheduleStore store = openStore(); ScheduleService service = ScheduleService.start(store, () -> runtime, FAST, events)) {
            ScheduleBook book = service.book();
            String id = book.add(NewSchedule.of(wf, "0 * * * *", UTC)).id();
            Files.writeString(wf, "{ \"nodes\": [ oops ] }");
            book.runNow(id);
            RunRecord broken = events.nextFinished();
            assertThat(broken.status()).isEqualTo(RunRecord.Status.FAILED);
            assertThat(broken.retries()).isZero();
            assertThat(broken.nodeErrors().get("workflow")).contains("edited.json").contains("not valid JSON");

            // An unknown node type is a validation issue, reported against the node.
            Files.writeString(wf, Files.readString(wf).replace("oops", "{\"id\": \"x\", \"type\": \"test.nope\"}"));
            SchedulerFixture.await("re-planned", Duration.ofSeconds(10), () -> !book.isRunning(id));
            book.runNow(id);
            RunRecord invalid = events.nextFinished();
            assertThat(invalid.status()).isEqualTo(RunRecord.Status.FAILED);
            assertThat(invalid.nodeErrors().get("x")).contains("unknown node type \"test.nope\"");

            SchedulerFixture.writingWorkflow(flows, "edited", 5);
            SchedulerFixture.await("re-planned", Duration.ofSeconds(10), () -> !book.isRunning(id));
            book.runNow(id);
            assertThat(events.nextFinished().status()).isEqualTo(RunRecord.Status.SUCCEEDED);
            assertThat(book.list()).extracting(WorkflowSchedule::id).containsExactly(id);
        }
    }

    @Test
    void pauseResumeAndRemoveKeepHistory() throws Exception {
        Path wf = SchedulerFixture.writingWorkflow(flows, "managed", 2);
        SchedulerFixture.Events events = new SchedulerFixture.Events();
        try (ScheduleStore store = openStore(); ScheduleService service = ScheduleService.start(store, () -> runtime, FAST, events)) {
            ScheduleBook book = service.book();
            String id = book.add(NewSchedule.of(wf, "@daily", UTC)).id();
            book.runNow(id);
            RunRecord done = events.nextFinished();
            SchedulerFixture.await("re-planned", Duration.ofSeconds(10), () -> !book.isRunning(id));

            assertThat(book.pause(id).enabled()).isFalse();
            assertThat(book.nextDue(id)).isEmpty();
            WorkflowSchedule resumed = book.resume(id);
            assertThat(resumed.enabled()).isTrue();
            assertThat(book.nextDue(id)).contains(CronExpression.parse("0 0 * * *", UTC).next(Instant.now()));

            book.remove(id);
            assertThat(book.list()).isEmpty();
            assertThat(book.nextDue(id)).isEmpty();
            assertThat(book.history(null, 10)).containsExactly(done);
        }
    }
}

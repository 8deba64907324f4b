package dev.flowlens.runtime.scheduler;

import static dev.flowlens.runtime.scheduler.SchedulerFixture.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.testnodes.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler across real processes: kill -9, SIGTERM, and two services on one SQLite file. */
class SchedulerProcessTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    @TempDir
    Path dir;

    private String[] serviceArgs(Path data, String... more) {
        List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--poll-interval", "100ms",
                "--heartbeat", "250ms", "--log-to-console"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private Path waitingWorkflow(Path folder, Path release) throws Exception {
        return SchedulerFixture.save(folder, "waits", Graph.named("waits")
                .node("gate", "test.wait_for_file", "path", release.toString())
                .node("write", "test.write_text", "path", "out.txt")
                .wire("gate.value", "write.value"));
    }

    /** {@code flowlens service} serves the HTTP API next to the scheduler, over the same schedules. */
    @Test
    void theServiceServesTheHttpApiOverItsSchedules() throws Exception {
        Path data = dir.resolve("data");
        Path wf = waitingWorkflow(dir.resolve("flows"), dir.resolve("release"));
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data))) {
            String id = ScheduleBook.over(store).add(NewSchedule.of(wf, "0 * * * *", UTC)).id();
            try (ServiceProcess child = ServiceProcess.start(dir.resolve("child.log"), serviceArgs(data))) {
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                var health = http.send(java.net.http.HttpRequest.newBuilder(child.apiUri().resolve("/api/health")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                String token = Files.readString(data.resolve("api-token")).strip();
                var schedules = http.send(java.net.http.HttpRequest.newBuilder(child.apiUri().resolve("/api/schedules"))
                                .header("Authorization", "Bearer " + token).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                var anonymous = http.send(java.net.http.HttpRequest.newBuilder(child.apiUri().resolve("/api/schedules")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

                assertThat(child.apiUri().getHost()).isEqualTo("127.0.0.1");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(schedules.statusCode()).isEqualTo(200);
                assertThat(schedules.body()).contains(id).contains("0 * * * *");
                assertThat(anonymous.statusCode()).isEqualTo(401);
            }
        }
    }

    @Test
    void aRunOfAKilledProcessIsMarkedInterruptedAndTheScheduleKeepsFiring() throws Exception {
        Path data = dir.resolve("data");
        Path flows = dir.resolve("flows");
        Path release = dir.resolve("release");
        Path wf = waitingWorkflow(flows, release);
        String id;
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data))) {
            ScheduleBook book = ScheduleBook.over(store);
            id = book.add(NewSchedule.of(wf, "0 * * * *", UTC)).id();
            try (ServiceProcess child = ServiceProcess.start(dir.resolve("child.log"), serviceArgs(data))) {
                book.runNow(id);
                SchedulerFixture.await("the child's run to start", Duration.ofSeconds(30), () -> store.running().size() == 1);
                assertThat(store.running().get(0).owner()).contains("/" + child.pid() + "/");
                child.kill();
            }
            assertThat(store.running()).hasSize(1);
            // The killed run wrote nothing: no file, and no half-written one.
            assertThat(SchedulerFixture.outputsUnder(flows)).isZero();
            Files.createFile(release);

            SchedulerFixture.Events events = new SchedulerFixture.Events();
            try (FlowLens runtime = SchedulerFixture.runtime(data);
                 ScheduleService service = ScheduleService.start(store, () -> runtime, FAST, events)) {
                RunRecord interrupted = SchedulerFixture.Events.next(events.interrupted, "interrupted run");
                assertThat(interrupted.status()).isEqualTo(RunRecord.Status.INTERRUPTED);
                assertThat(interrupted.note()).contains("stopped before it finished");
                assertThat(store.running()).isEmpty();

                // db-scheduler notices the dead execution (4 missed heartbeats) and plans the next cron time.
                SchedulerFixture.await("the dead execution released", Duration.ofSeconds(30), () -> !book.isRunning(id));
                assertThat(book.nextDue(id).orElseThrow()).isAfter(Instant.now());
                book.runNow(id);
                RunRecord next = events.nextFinished();
                assertThat(next.status()).isEqualTo(RunRecord.Status.SUCCEEDED);
                assertThat(SchedulerFixture.outputsUnder(flows)).isEqualTo(1);
            }
        }
    }

    @Test
    void sigtermLetsTheRunningWorkflowFinishWithinTheGracePeriod() throws Exception {
        Path data = dir.resolve("data");
        Path release = dir.resolve("release");
        Path wf = waitingWorkflow(dir.resolve("flows"), release);
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data))) {
            ScheduleBook book = ScheduleBook.over(store);
            String id = book.add(NewSchedule.of(wf, "0 * * * *", UTC)).id();
            try (ServiceProcess child = ServiceProcess.start(dir.resolve("child.log"), serviceArgs(data, "--grace", "20s"))) {
                book.runNow(id);
                SchedulerFixture.await("the run to start", Duration.ofSeconds(30), () -> store.running().size() == 1);
                child.terminate();
                Files.createFile(release);
                assertThat(child.waitForExit(30)).isTrue();
            }
            assertThat(book.history(id, 5)).extracting(RunRecord::status).containsExactly(RunRecord.Status.SUCCEEDED);
        }
    }

    @Test
    void sigtermCancelsARunThatOutlivesTheGracePeriod() throws Exception {
        Path data = dir.resolve("data");
        Path wf = waitingWorkflow(dir.resolve("flows"), dir.resolve("never"));
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data))) {
            ScheduleBook book = ScheduleBook.over(store);
            String id = book.add(NewSchedule.of(wf, "0 * * * *", UTC).withRetries(0)).id();
            try (ServiceProcess child = ServiceProcess.start(dir.resolve("child.log"), serviceArgs(data, "--grace", "1s"))) {
                book.runNow(id);
                SchedulerFixture.await("the run to start", Duration.ofSeconds(30), () -> store.running().size() == 1);
                child.terminate();
                assertThat(child.waitForExit(30)).isTrue();
            }
            assertThat(book.history(id, 5)).extracting(RunRecord::status).containsExactly(RunRecord.Status.CANCELLED);
        }
    }

    @Test
    void twoServicesOnOneSqliteFileRunEachDueExecutionExactlyOnce() throws Exception {
        Path data = dir.resolve("data");
        Path wf = SchedulerFixture.writingWorkflow(dir.resolve("flows"), "quick", 1);
        int n = 300;
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data))) {
            ScheduleBook book = ScheduleBook.over(store);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(book.add(NewSchedule.of(wf, "0 0 1 1 *", UTC).withRetries(0)).id());
            }
            String[] args = {"--data", data.toString(), "--poll-interval", "100ms", "--heartbeat", "2s", "--log-to-console"};
            try (ServiceProcess a = ServiceProcess.start(dir.resolve("a.log"), args);
                 ServiceProcess b = ServiceProcess.start(dir.resolve("b.log"), args)) {
                Instant now = Instant.now();
                for (String id : ids) {
                    SchedulerFixture.makeDue(store, id, now);
                }
                SchedulerFixture.await(n + " runs", Duration.ofSeconds(90),
                        () -> store.finishedRunCount() >= n);
                // Let both services poll a few more times: a double run would show up now.
                SchedulerFixture.await("all re-planned", Duration.ofSeconds(30),
                        () -> ids.stream().noneMatch(book::isRunning));
            }
            List<RunRecord> runs = store.history(null, 10 * n);
            for (String log : List.of("a.log", "b.log")) {
                // The history guard would have stopped a second execution of a due run; it never had to.
                assertThat(Files.readString(dir.resolve(log))).doesNotContain("already in history");
            }
            Map<String, Long> perSchedule = runs.stream().collect(Collectors.groupingBy(RunRecord::scheduleId, Collectors.counting()));
            List<RunRecord> doubles = runs.stream().filter(r -> perSchedule.get(r.scheduleId()) > 1).toList();
            assertThat(doubles).as("runs of schedules that ran more than once").isEmpty();
            assertThat(runs).hasSize(n);
            assertThat(perSchedule).hasSize(n).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
            assertThat(runs).extracting(RunRecord::status).containsOnly(RunRecord.Status.SUCCEEDED);
            // Both processes took part (db-scheduler hands out batches; with 300 due at once each gets some).
            assertThat(runs.stream().map(RunRecord::owner).distinct().count()).isEqualTo(2);
        }
    }
}

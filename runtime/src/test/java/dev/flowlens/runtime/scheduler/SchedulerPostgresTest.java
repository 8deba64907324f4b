package dev.flowlens.runtime.scheduler;

import static dev.flowlens.runtime.scheduler.SchedulerFixture.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.runtime.api.FlowLens;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same scheduler on a real PostgreSQL server (Debian's; skipped where it is not installed). */
class SchedulerPostgresTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static PostgresServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        Optional<Path> bin = PostgresServer.binaries();
        Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL is not installed (apt-get install postgresql)");
        server = PostgresServer.start(bin.get());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoServiceProcessesOnOnePostgresRunEachDueExecutionExactlyOnce() throws Exception {
        Path wf = SchedulerFixture.writingWorkflow(dir.resolve("flows"), "quick", 1);
        String url = server.newDatabase("two_services");
        StoreLocation location = new StoreLocation(dir.resolve("data"), url);
        int n = 200;
        try (ScheduleStore store = ScheduleStore.open(location)) {
            ScheduleBook book = ScheduleBook.over(store);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(book.add(NewSchedule.of(wf, "0 0 1 1 *", UTC).withRetries(0)).id());
            }
            String[] args = {"--data", dir.resolve("data").toString(), "--db", url, "--poll-interval", "100ms",
                    "--heartbeat", "2s", "--log-to-console"};
            try (ServiceProcess a = ServiceProcess.start(dir.resolve("a.log"), args);
                 ServiceProcess b = ServiceProcess.start(dir.resolve("b.log"), args)) {
                Instant now = Instant.now();
                for (String id : ids) {
                    SchedulerFixture.makeDue(store, id, now);
                }
                SchedulerFixture.await(n + " runs", Duration.ofSeconds(90), () -> store.finishedRunCount() >= n);
                SchedulerFixture.await("all re-planned", Duration.ofSeconds(30), () -> ids.stream().noneMatch(book::isRunning));
            }
            List<RunRecord> runs = store.history(null, 10 * n);
            for (String log : List.of("a.log", "b.log")) {
                // The history guard would have stopped a second execution of a due run; it never had to.
                assertThat(java.nio.file.Files.readString(dir.resolve(log))).doesNotContain("already in history");
            }
            Map<String, Long> perSchedule = runs.stream().collect(Collectors.groupingBy(RunRecord::scheduleId, Collectors.counting()));
            List<RunRecord> doubles = runs.stream().filter(r -> perSchedule.get(r.scheduleId()) > 1).toList();
            assertThat(doubles).as("runs of schedules that ran more than once").isEmpty();
            assertThat(runs).hasSize(n);
            assertThat(perSchedule).hasSize(n).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
            assertThat(runs).extracting(RunRecord::status).containsOnly(RunRecord.Status.SUCCEEDED);
            assertThat(runs.stream().map(RunRecord::owner).distinct().count()).isEqualTo(2);
        }
    }

    @Test
    void schedulesHistoryAndMissedRunsWorkTheSameOnPostgres() throws Exception {
        Path flows = dir.resolve("flows");
        Path wf = SchedulerFixture.writingWorkflow(flows, "hourly", 9);
        StoreLocation location = new StoreLocation(dir.resolve("data"), server.newDatabase("missed_runs"));
        try (ScheduleStore store = ScheduleStore.open(location); FlowLens runtime = SchedulerFixture.runtime(dir.resolve("data"))) {
            String id = ScheduleBook.over(store).add(NewSchedule.of(wf, "15 * * * *", UTC)
                    .withOverrides(List.of("number.value=11"))).id();
            SchedulerFixture.makeDue(store, id, Instant.now().minus(Duration.ofHours(5)));
            SchedulerFixture.Events events = new SchedulerFixture.Events();
            try (ScheduleService service = ScheduleService.start(store, () -> runtime, FAST, events)) {
                RunRecord missed = events.nextFinished();
                assertThat(missed.status()).isEqualTo(RunRecord.Status.SUCCEEDED);
                assertThat(missed.note()).startsWith("missed run, started late");
                assertThat(java.nio.file.Files.readString(Path.of(missed.outputFiles().get(0)))).isEqualTo("11");
                SchedulerFixture.await("re-planned", Duration.ofSeconds(10),
                        () -> service.book().nextDue(id).map(t -> t.isAfter(Instant.now())).orElse(false));
                assertThat(service.book().get(id).overrides()).containsEntry("number.value", "11");
            }
        }
    }
}

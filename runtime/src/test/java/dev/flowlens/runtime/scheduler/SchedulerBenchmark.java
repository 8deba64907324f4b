package dev.flowlens.runtime.scheduler;

import dev.flowlens.runtime.api.FlowLens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Prints the scheduler's numbers (run it, it is not a test): fire-time delay (due time to run start) with the
 * desktop polling interval, and start-up time and idle memory (RSS) of {@code flowlens service} with 1,000
 * schedules, plus whether the idle service loaded DJL or JavaFX classes.
 *
 * <pre>java -cp runtime/target/test-classes:runtime/target/classes:DEPS dev.flowlens.runtime.scheduler.SchedulerBenchmark</pre>
 */
public final class SchedulerBenchmark {
    private SchedulerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("flowlens-bench");
        fireDelay(dir.resolve("delay"), Duration.ofSeconds(1), 30);
        idleService(dir.resolve("idle0"), 0);
        idleService(dir.resolve("idle"), 1000);
        System.out.printf("load average while measuring: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        System.exit(0);
    }

    static void fireDelay(Path dir, Duration poll, int runs) throws Exception {
        Path data = dir.resolve("data");
        Path wf = SchedulerFixture.writingWorkflow(dir.resolve("flows"), "tick", 1);
        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(runs);
        ServiceListener listener = new ServiceListener() {
            @Override
            public void runStarted(RunRecord record, Instant dueAt) {
                delays.add(Duration.between(dueAt, record.startedAt()).toMillis());
                done.countDown();
            }
        };
        ServiceConfig config = ServiceConfig.desktop().withPollInterval(poll);
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data));
             FlowLens runtime = SchedulerFixture.runtime(data);
             ScheduleService service = ScheduleService.start(store, () -> runtime, config, listener)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ids.add(service.book().add(NewSchedule.of(wf, "0 0 1 1 *", ZoneId.of("UTC")).withRetries(0)).id());
            }
            // Due times spread over ~10 s at odd offsets, so they fall anywhere within a polling interval.
            Instant base = Instant.now().plusSeconds(2);
            for (int i = 0; i < runs; i++) {
                SchedulerFixture.makeDue(store, ids.get(i), base.plusMillis(i * 337L));
            }
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + delays.size() + " of " + runs + " runs started");
            }
        }
        List<Long> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        System.out.printf("fire-time delay (poll %d ms, %d runs): median %d ms, max %d ms%n", poll.toMillis(), runs,
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }

    static void idleService(Path dir, int schedules) throws Exception {
        Path data = dir.resolve("data");
        Path wf = SchedulerFixture.writingWorkflow(dir.resolve("flows"), "idle", 1);
        try (ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data))) {
            ScheduleBook book = ScheduleBook.over(store);
            for (int i = 0; i < schedules; i++) {
                book.add(NewSchedule.of(wf, (i % 60) + " * * * *", ZoneId.of("UTC")));
            }
        }
        Path classLog = dir.resolve("classes.log");
        long t0 = System.nanoTime();
        try (ServiceProcess service = ServiceProcess.start(dir.resolve("service.err"),
                List.of("-Xlog:class+load=info:file=" + classLog), "--data", data.toString())) {
            long startupMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            // Idle for a few polling intervals, then measure.
            new CountDownLatch(1).await(5, TimeUnit.SECONDS);
            long rssKb = Files.readAllLines(Path.of("/proc/" + service.pid() + "/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(-1);
            String classes = Files.readString(classLog);
            System.out.printf("idle service with %d schedules: start-up %d ms (JVM start to 'running'), RSS %d MiB, "
                            + "DJL classes loaded: %s, JavaFX classes loaded: %s%n", schedules, startupMs, rssKb / 1024,
                    classes.contains(" ai.djl."), classes.contains(" javafx."));
        }
    }
}

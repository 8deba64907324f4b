package dev.flowlens.runtime.scheduler;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.testnodes.Graph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Shared pieces of the scheduler tests: workflow files that use the executor's test nodes, a real runtime, a
 * listener whose events tests wait on, and a db-scheduler client for moving due times (as if time had passed).
 */
final class SchedulerFixture {
    /** Fast enough for tests, same code paths as the desktop defaults. */
    static final ServiceConfig FAST = ServiceConfig.desktop()
            .withPollInterval(Duration.ofMillis(100))
            .withHeartbeat(Duration.ofMillis(250), 4)
            .withRetryBackoff(Duration.ofMillis(20))
            .withShutdownGrace(Duration.ofSeconds(5));

    private SchedulerFixture() {
    }

    static FlowLens runtime(Path dataDir) {
        return FlowLens.open(RuntimeConfig.defaults().withDataFolder(dataDir).withParallelism(2).withCache(0, 0));
    }

    /** const(value) -> write_text(out.txt): one observable file per run under flowlens-out/RUN/. */
    static Path writingWorkflow(Path folder, String name, int value) throws IOException {
        return save(folder, name, Graph.named(name)
                .node("number", "test.const", "value", value)
                .node("write", "test.write_text", "path", "out.txt")
                .wire("number.value", "write.value"));
    }

    /** A node that always fails (a user-fixable failure). */
    static Path failingWorkflow(Path folder, String name) throws IOException {
        return save(folder, name, Graph.named(name).node("broken", "test.fail", "kind", "user"));
    }

    /** const -> barrier(key): the run waits until the test joins the barrier. */
    static Path blockingWorkflow(Path folder, String name, String barrierKey) throws IOException {
        return save(folder, name, Graph.named(name)
                .node("gate", "test.barrier", "key", barrierKey)
                .node("write", "test.write_text", "path", "out.txt")
                .wire("gate.value", "write.value"));
    }

    static Path save(Path folder, String name, Graph graph) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".json");
        Files.writeString(file, WorkflowCodec.write(graph.build()));
        return file;
    }

    /** Output files written by runs of the workflow in {@code folder} (one per successful run). */
    static long outputsUnder(Path folder) throws IOException {
        Path out = folder.resolve("flowlens-out");
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (var s = Files.walk(out)) {
            return s.filter(p -> p.getFileName().toString().equals("out.txt")).count();
        }
    }

    /** Moves a schedule's due time, as if the clock had reached it while no scheduler was running. */
    static void makeDue(ScheduleStore store, String scheduleId, Instant at) {
        SchedulerClient client = ScheduleBook.client(store);
        if (!client.reschedule(TaskInstanceId.of(ScheduleTask.NAME, scheduleId), at)) {
            throw new IllegalStateException("no planned execution for " + scheduleId);
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** Collects the service's events for tests to wait on in order. */
    static final class Events implements ServiceListener {
        final BlockingQueue<RunRecord> started = new LinkedBlockingQueue<>();
        final BlockingQueue<RunRecord> finished = new LinkedBlockingQueue<>();
        final BlockingQueue<RunRecord> interrupted = new LinkedBlockingQueue<>();

        @Override
        public void runStarted(RunRecord record, Instant dueAt) {
            started.add(record);
        }

        @Override
        public void runFinished(RunRecord record) {
            finished.add(record);
        }

        @Override
        public void runInterrupted(RunRecord record) {
            interrupted.add(record);
        }

        static RunRecord next(BlockingQueue<RunRecord> q, String what) {
            try {
                RunRecord r = q.poll(30, TimeUnit.SECONDS);
                if (r == null) {
                    throw new AssertionError("no " + what + " within 30 s");
                }
                return r;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }

        RunRecord nextStarted() {
            return next(started, "run start");
        }

        RunRecord nextFinished() {
            return next(finished, "run end");
        }

        List<RunRecord> finishedSoFar() {
            return List.copyOf(finished);
        }
    }
}

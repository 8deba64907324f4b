package dev.flowlens.runtime.scheduler;

import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.testnodes.Graph;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;

/** The scheduler fixture's pieces, opened to tests in other packages (alerts, metrics, retention). */
public final class AlertTestSupport {
    public static final ServiceConfig FAST = SchedulerFixture.FAST;

    private AlertTestSupport() {
    }

    public static FlowLens runtime(Path data) {
        return SchedulerFixture.runtime(data);
    }

    public static Path failingWorkflow(Path folder, String name) throws IOException {
        return SchedulerFixture.failingWorkflow(folder, name);
    }

    /** Writes {@code graph} as {@code name}.json in {@code folder}. */
    public static Path save(Path folder, String name, Graph graph) throws IOException {
        return SchedulerFixture.save(folder, name, graph);
    }

    /** Overwrites (or writes) {@code name}.json with a workflow that succeeds and writes out.txt. */
    public static Path writingWorkflow(Path folder, String name) throws IOException {
        return SchedulerFixture.save(folder, name, Graph.named(name)
                .node("number", "test.const", "value", 1)
                .node("write", "test.write_text", "path", "out.txt")
                .wire("number.value", "write.value"));
    }

    public static void await(String what, BooleanSupplier condition) {
        SchedulerFixture.await(what, Duration.ofSeconds(20), condition);
    }

    /** Passes every event on to {@code next} and lets the test wait for finished runs in order. */
    public static final class Finished implements ServiceListener {
        private final ServiceListener next;
        private final BlockingQueue<RunRecord> finished = new LinkedBlockingQueue<>();

        public Finished(ServiceListener next) {
            this.next = next;
        }

        @Override
        public void runStarted(RunRecord record, java.time.Instant dueAt) {
            next.runStarted(record, dueAt);
        }

        @Override
        public void runFinished(RunRecord record) {
            next.runFinished(record);
            finished.add(record);
        }

        @Override
        public void runInterrupted(RunRecord record) {
            next.runInterrupted(record);
        }

        public RunRecord next() {
            return SchedulerFixture.Events.next(finished, "run end");
        }
    }
}

package dev.flowlens.runtime.bench;

import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.validation.ParameterOverrides;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.testnodes.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Numbers for the executor, printed, not asserted (it is not part of the test suite):
 * <ol>
 *   <li>overhead per node and item on trivial nodes, in microseconds;</li>
 *   <li>speed-up of a CPU-bound per-item pipeline from 1 to 2 worker threads;</li>
 *   <li>a re-run after changing only the last node's parameter, against a cold run.</li>
 * </ol>
 * Run: {@code mvn -q -B -pl runtime -am -DskipTests package && java -cp
 * "runtime/target/test-classes:runtime/target/runtime-0.1.0-SNAPSHOT.jar:runtime/target/lib/*"
 * dev.flowlens.runtime.bench.ExecutorBenchmark}. Each figure is the median of several runs after warm-up.
 */
public final class ExecutorBenchmark {
    private static final int ROUNDS = 7;

    private ExecutorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("flowlens-bench");
        System.out.printf(Locale.ROOT, "FlowLens executor benchmark (%d processors, load average %.1f, Java %s)%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"));
        overhead(data);
        speedUp(data);
        cacheReRun(data);
    }

    /** Trivial nodes: a chain of single runs, and a per-item chain over 2,000 items. */
    private static void overhead(Path data) {
        int chain = 200;
        Graph single = Graph.named("chain").node("n0", "test.const", "value", 1);
        for (int i = 1; i < chain; i++) {
            single.node("n" + i, "test.add").wire("n" + (i - 1) + (i == 1 ? ".value" : ".sum"), "n" + i + ".a");
        }
        int items = 2_000;
        int stages = 5;
        Graph perItem = Graph.named("items").node("range", "test.range", "count", items);
        for (int i = 0; i < stages; i++) {
            perItem.node("s" + i, "test.spin", "work", 0).wire(i == 0 ? "range.items" : "s" + (i - 1) + ".value", "s" + i + ".value");
        }
        try (FlowLens flowLens = FlowLens.open(config(data, 2).withCache(0, 0))) {
            double chainMs = median(flowLens, single.build());
            double itemsMs = median(flowLens, perItem.build());
            System.out.printf(Locale.ROOT, "1. overhead, 2 threads, cache off:%n"
                            + "   chain of %d single nodes: %.1f ms per run = %.1f us per node%n"
                            + "   %d items x %d per-item nodes: %.1f ms per run = %.2f us per node and item%n",
                    chain, chainMs, chainMs * 1000 / chain, items, stages, itemsMs, itemsMs * 1000 / (items * stages));
        }
    }

    /** 64 items through two CPU-bound per-item nodes of a few milliseconds each. */
    private static void speedUp(Path data) {
        long work = calibrate(5);
        Workflow w = Graph.named("cpu")
                .node("range", "test.range", "count", 64)
                .node("a", "test.spin", "work", work)
                .node("b", "test.spin", "work", work)
                .wire("range.items", "a.value").wire("a.value", "b.value").build();
        double[] ms = new double[2];
        for (int threads = 1; threads <= 2; threads++) {
            try (FlowLens flowLens = FlowLens.open(config(data, threads).withCache(0, 0))) {
                ms[threads - 1] = median(flowLens, w);
            }
        }
        System.out.printf(Locale.ROOT, "2. CPU-bound per-item pipeline (64 items x 2 per-item nodes, %.1f ms each on 1 thread):%n"
                + "   1 thread %.0f ms, 2 threads %.0f ms: speed-up %.2fx%n", ms[0] / 128, ms[0], ms[1], ms[0] / ms[1]);
    }

    /** Cold run against a re-run where only the cheap last node's parameter changed. */
    private static void cacheReRun(Path data) {
        long work = calibrate(5);
        Workflow w = Graph.named("rerun")
                .node("range", "test.range", "count", 64)
                .node("heavy1", "test.spin", "work", work)
                .node("heavy2", "test.spin", "work", work)
                .node("last", "test.spin", "work", 0, "salt", 0)
                .wire("range.items", "heavy1.value").wire("heavy1.value", "heavy2.value")
                .wire("heavy2.value", "last.value").build();
        try (FlowLens flowLens = FlowLens.open(config(data, 2))) {
            double[] cold = new double[ROUNDS];
            double[] warm = new double[ROUNDS];
            int salt = 0;
            for (int r = -2; r < ROUNDS; r++) {
                flowLens.clearCache();
                long t0 = System.nanoTime();
                flowLens.run(RunRequest.of(w).withOverrides(ParameterOverrides.parse(List.of("last.salt=" + (++salt)))), null);
                long t1 = System.nanoTime();
                RunSummary s = flowLens.run(RunRequest.of(w)
                        .withOverrides(ParameterOverrides.parse(List.of("last.salt=" + (++salt)))), null);
                long t2 = System.nanoTime();
                if (s.results().values().stream().filter(x -> x.state() == NodeState.CACHED).count() != 3) {
                    throw new IllegalStateException("expected range, heavy1 and heavy2 cached, got " + s.results());
                }
                if (r >= 0) {
                    cold[r] = (t1 - t0) / 1e6;
                    warm[r] = (t2 - t1) / 1e6;
                }
            }
            double c = medianOf(cold);
            double m = medianOf(warm);
            System.out.printf(Locale.ROOT, "3. re-run after changing the last node's parameter (64 items, 2 threads):%n"
                    + "   cold %.1f ms, re-run %.1f ms (%.0fx faster; 3 of 4 nodes cached)%n", c, m, c / m);
        }
    }

    private static RuntimeConfig config(Path data, int threads) {
        return RuntimeConfig.defaults().withDataFolder(data).withParallelism(threads);
    }

    private static double median(FlowLens flowLens, Workflow w) {
        double[] ms = new double[ROUNDS];
        for (int r = -3; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            RunSummary s = flowLens.run(RunRequest.of(w), null);
            long t = System.nanoTime() - t0;
            if (!s.succeeded()) {
                throw new IllegalStateException("benchmark run failed: " + s.results());
            }
            if (r >= 0) {
                ms[r] = t / 1e6;
            }
        }
        return medianOf(ms);
    }

    private static double medianOf(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    /** Rounds of test.spin's arithmetic that take about {@code millis} on this machine, once compiled. */
    private static long calibrate(int millis) {
        long rounds = 4_000_000;
        long best = Long.MAX_VALUE;
        long sink = 0;
        for (int attempt = 0; attempt < 15; attempt++) {
            long t0 = System.nanoTime();
            long x = attempt;
            for (long i = 0; i < rounds; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            best = Math.min(best, System.nanoTime() - t0);
            sink += x;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return rounds * millis * 1_000_000L / best;
    }
}

package dev.flowlens.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.testnodes.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Submits 200 small runs (constant -> add -> write a text file, each with its own override so nothing is served
 * from the cache) to a real server over HTTP, as fast as one client can, and prints accepted-to-finished latency
 * (median, p95, from the API's own submittedAt/finishedAt), throughput and heap after. Not a test: run it by hand,
 * e.g. {@code java -cp <test class path> dev.flowlens.runtime.http.HttpRunsBenchmark [runs] [maxRunning]}.
 */
public final class HttpRunsBenchmark {
    private HttpRunsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int running = args.length > 1 ? Integer.parseInt(args[1]) : ApiLimits.DEFAULT_RUNNING;
        Path tmp = Files.createTempDirectory("flowlens-api-bench");
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults().withQueue(runs + 50, running))) {
            api.save("small", ApiRunsTest.sum());
            submitAndWait(api, 20, 500_000); // warm-up: JIT, Jetty threads, class loading
            long heapBefore = usedHeap();

            long t0 = System.nanoTime();
            List<String> ids = submitAndWait(api, runs, 0);
            double seconds = (System.nanoTime() - t0) / 1e9;

            List<Duration> latencies = new ArrayList<>();
            int succeeded = 0;
            for (String id : ids) {
                JsonNode run = ApiFixture.json(api.get("/api/runs/" + id));
                latencies.add(Duration.between(Instant.parse(run.get("submittedAt").asText()),
                        Instant.parse(run.get("finishedAt").asText())));
                if (run.get("status").asText().equals("succeeded")) {
                    succeeded++;
                }
            }
            latencies.sort(Comparator.naturalOrder());
            System.out.printf("runs: %d (%d succeeded), max running: %d, processors: %d%n", runs, succeeded, running,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("accepted-to-finished: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    ms(latencies.get(latencies.size() / 2)), ms(latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1)),
                    ms(latencies.get(latencies.size() - 1)));
            System.out.printf("throughput: %.1f runs/s (%d runs in %.2f s, submit to last run_finished)%n", runs / seconds,
                    runs, seconds);
            System.out.printf("heap used: %.1f MiB before, %.1f MiB after (after GC, runs kept in history)%n",
                    heapBefore / 1048576.0, usedHeap() / 1048576.0);
        }
    }

    /** Submits {@code count} runs back to back, then waits for every run_finished on the WebSocket. */
    private static List<String> submitAndWait(ApiFixture api, int count, int offset) throws Exception {
        List<String> ids = new ArrayList<>();
        try (ApiFixture.Events events = api.events("")) {
            for (int i = 0; i < count; i++) {
                ids.add(api.submit("{\"workflow\": \"small\", \"set\": {\"a.value\": " + (offset + i) + "}}"));
            }
            Set<String> waiting = new HashSet<>(ids);
            while (!waiting.isEmpty()) {
                JsonNode e = events.next();
                if (e.path("type").asText().equals("run_finished")) {
                    waiting.remove(e.path("runId").asText());
                }
            }
        }
        return ids;
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}

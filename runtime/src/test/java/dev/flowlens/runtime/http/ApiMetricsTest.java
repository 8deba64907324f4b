package dev.flowlens.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.metrics.FlowLensMetrics;
import dev.flowlens.runtime.metrics.MeteredFlowLens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/metrics is well-formed Prometheus text and its counters move when runs finish. */
class ApiMetricsTest {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{" + LABEL + "(?:," + LABEL + ")*,?\\})? "
            + "([-+]?(?:\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?|NaN|\\+Inf|-Inf))(?: -?\\d+)?");

    @TempDir
    Path tmp;

    @Test
    void scrapeParsesAsPrometheusTextAndCountsRunsItemsAndNodeLatencies() throws Exception {
        Path data = tmp.resolve("data");
        Path workflows = Files.createDirectories(tmp.resolve("workflows"));
        try (FlowLensMetrics metrics = new FlowLensMetrics();
             FlowLens flowLens = new MeteredFlowLens(
                     FlowLens.open(RuntimeConfig.defaults().withDataFolder(data).withParallelism(2)), metrics);
             ApiFixture api = ApiFixture.attach(ApiServer.start(flowLens, 0, "127.0.0.1", data, workflows,
                     ApiLimits.defaults(), () -> "cpu", null, metrics), workflows)) {
            api.save("sum", ApiRunsTest.sum());

            String before = scrape(api);
            assertWellFormed(before);
            assertThat(value(before, "flowlens_runs_started_total", "trigger=\"api\",workflow=\"Sum\"")).isEmpty();
            assertThat(value(before, "flowlens_api_queue_length", null)).contains(0.0);
            assertThat(before).contains("jvm_memory_used_bytes{");

            api.awaitFinished(api.submit("{\"workflow\": \"sum\"}"));
            String once = scrape(api);
            assertWellFormed(once);
            assertThat(value(once, "flowlens_runs_started_total", "trigger=\"api\",workflow=\"Sum\"")).contains(1.0);
            assertThat(value(once, "flowlens_runs_finished_total", "status=\"succeeded\",trigger=\"api\",workflow=\"Sum\""))
                    .contains(1.0);
            assertThat(value(once, "flowlens_node_duration_seconds_count", "node_type=\"test.add\"")).contains(1.0);
            assertThat(once).contains("flowlens_node_duration_seconds_bucket{node_type=\"test.add\",le=\"+Inf\"} 1");
            assertThat(value(once, "flowlens_runs_active", null)).contains(0.0);

            api.awaitFinished(api.submit("{\"workflow\": \"sum\"}"));
            String twice = scrape(api);
            assertThat(value(twice, "flowlens_runs_started_total", "trigger=\"api\",workflow=\"Sum\"")).contains(2.0);
            assertThat(value(twice, "flowlens_node_duration_seconds_count", "node_type=\"test.write_text\"")).contains(2.0);

            // The token guards metrics like every other endpoint.
            HttpResponse<String> anonymous = api.send(HttpRequest.newBuilder(api.uri("/api/metrics")).GET().build());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }

    private static String scrape(ApiFixture api) {
        HttpResponse<String> r = api.get("/api/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return r.body();
    }

    /** Every line is a HELP, a TYPE or a sample, and every sample belongs to a family whose TYPE came before it. */
    private static void assertWellFormed(String text) {
        assertThat(text).endsWith("\n");
        Set<String> typed = new HashSet<>();
        for (String line : text.split("\n")) {
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (help.matches()) {
                continue;
            }
            if (type.matches()) {
                assertThat(typed.add(type.group(1))).as("TYPE given twice: " + line).isTrue();
                continue;
            }
            assertThat(sample.matches()).as("not Prometheus text: \"" + line + "\"").isTrue();
            String name = sample.group(1);
            boolean known = typed.contains(name) || List.of("_total", "_count", "_sum", "_bucket", "_max", "_created")
                    .stream().anyMatch(s -> name.endsWith(s) && typed.contains(name.substring(0, name.length() - s.length())));
            assertThat(known).as("sample without a TYPE before it: " + line).isTrue();
        }
    }

    /** The value of the sample with exactly these labels (in the exposition's order), if present. */
    private static Optional<Double> value(String text, String name, String labels) {
        String prefix = name + (labels == null ? "" : "{" + labels + "}") + " ";
        return text.lines().filter(l -> l.startsWith(prefix))
                .map(l -> Double.parseDouble(l.substring(prefix.length()).split(" ")[0])).findFirst();
    }
}

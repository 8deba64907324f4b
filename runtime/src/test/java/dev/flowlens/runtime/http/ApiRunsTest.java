package dev.flowlens.runtime.http;

import static dev.flowlens.runtime.http.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.testnodes.Graph;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submitting runs, reading their state and output files, and the catalogue endpoints, against a real server. */
class ApiRunsTest {
    @TempDir
    Path tmp;
    ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(tmp, ApiLimits.defaults());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static Workflow sum() {
        return Graph.named("Sum").node("a", "test.const", "value", 2).node("add", "test.add", "offset", 0)
                .node("w", "test.write_text", "path", "result/sum.txt")
                .wire("a.value", "add.a").wire("add.sum", "w.value").build();
    }

    @Test
    void savedWorkflowRunsWithOverridesAndItsOutputFileCanBeRead() throws Exception {
        api.save("sum", sum());

        String id = api.submit("{\"workflow\": \"sum\", \"set\": {\"a.value\": \"40\", \"add.offset\": 2}}");
        JsonNode run = api.awaitFinished(id);

        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        assertThat(run.get("saved").asText()).isEqualTo("sum");
        assertThat(run.get("workflow").asText()).isEqualTo("Sum");
        assertThat(run.get("set").get("a.value").asText()).isEqualTo("40");
        assertThat(run.get("nodes").get("w").get("state").asText()).isEqualTo("succeeded");
        assertThat(run.get("nodes").get("add").get("outputs").get("sum").asText()).isEqualTo("42");
        JsonNode output = run.get("outputs").get(0);
        assertThat(output.get("path").asText()).isEqualTo("result/sum.txt");
        assertThat(output.get("url").asText()).isEqualTo("/api/runs/" + id + "/outputs/result/sum.txt");

        HttpResponse<String> file = api.get(output.get("url").asText());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("42");
        // The file lies in the run's own folder under the data folder.
        assertThat(api.data.resolve("api-runs").resolve(id).resolve("result/sum.txt")).hasContent("42");
    }

    @Test
    void postedDocumentRuns() throws Exception {
        String doc = WorkflowCodec.toTree(sum()).toString();

        String id = api.submit("{\"document\": " + doc + ", \"set\": {\"a.value\": 5}}");

        JsonNode run = api.awaitFinished(id);
        assertThat(run.get("status").asText()).isEqualTo("succeeded");
        assertThat(run.get("saved").isNull()).isTrue();
        assertThat(api.get("/api/runs/" + id + "/outputs/result/sum.txt").body()).isEqualTo("5");
    }

    @Test
    void failedItemsAreReportedPerNode() throws Exception {
        Workflow w = Graph.named("Squares").node("range", "test.range", "count", 3)
                .node("sq", "test.square", "fail_on", 1).node("collect", "test.collect")
                .wire("range.items", "sq.value").wire("sq.value", "collect.values").build();
        api.save("squares", w);

        JsonNode run = api.awaitFinished(api.submit("{\"workflow\": \"squares\"}"));

        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.get("itemsFailed").asInt()).isEqualTo(1);
        JsonNode errors = run.get("nodes").get("sq").get("itemErrors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("message").asText()).contains("value 1 is not allowed");
        assertThat(run.get("nodes").get("collect").get("outputs").get("text").asText()).startsWith("0,E(");
    }

    @Test
    void invalidWorkflowIsRefusedWithItsIssues() {
        Workflow missingInput = Graph.named("Broken").node("add", "test.add").build();
        HttpResponse<String> r = api.post("/api/runs", "{\"document\": " + WorkflowCodec.toTree(missingInput) + "}");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode issue = json(r).get("issues").get(0);
        assertThat(issue.get("node").asText()).isEqualTo("add");
        assertThat(issue.get("field").asText()).isEqualTo("a");
        assertThat(issue.get("code").asText()).isEqualTo("required_input_missing");
        assertThat(issue.get("message").asText()).isNotBlank();
        assertThat(json(api.get("/api/runs"))).isEmpty();
    }

    @Test
    void badOverrideIsRefusedNamingNodeAndParameter() throws Exception {
        api.save("sum", sum());

        HttpResponse<String> r = api.post("/api/runs", "{\"workflow\": \"sum\", \"set\": {\"a.value\": \"many\"}}");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode issue = json(r).get("issues").get(0);
        assertThat(issue.get("node").asText()).isEqualTo("a");
        assertThat(issue.get("field").asText()).isEqualTo("value");
        assertThat(issue.get("code").asText()).isEqualTo("bad_override");
        assertThat(issue.get("message").asText()).contains("expected a whole number, got \"many\"");
    }

    @Test
    void unreadableDocumentIsRefusedWithTheFormatMessage() {
        HttpResponse<String> r = api.post("/api/runs", "{\"document\": {\"formatVersion\": 99, \"nodes\": []}}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("written by a newer FlowLens");
        assertThat(json(r).get("pointer").asText()).isEqualTo("/formatVersion");
    }

    @Test
    void malformedRequestsSayWhatIsExpected() {
        assertThat(api.post("/api/runs", "{not json").statusCode()).isEqualTo(400);
        HttpResponse<String> both = api.post("/api/runs", "{\"workflow\": \"a\", \"document\": {}}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(json(both).get("error").asText()).contains("either \"workflow\"");
        HttpResponse<String> typo = api.post("/api/runs", "{\"workflow\": \"a\", \"sets\": {}}");
        assertThat(json(typo).get("error").asText()).contains("unknown key \"sets\"");
        HttpResponse<String> missing = api.post("/api/runs", "{\"workflow\": \"nope\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        HttpResponse<String> escape = api.post("/api/runs", "{\"workflow\": \"../data/x\"}");
        assertThat(escape.statusCode()).isEqualTo(400);
        assertThat(api.get("/api/runs/20990101-000000-000000").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/runs?limit=0").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/runs?status=sleeping").statusCode()).isEqualTo(400);
    }

    @Test
    void outputsCannotEscapeTheRunFolder() throws Exception {
        api.save("sum", sum());
        String id = api.submit("{\"workflow\": \"sum\"}");
        api.awaitFinished(id);
        Files.writeString(api.data.resolve("secret.txt"), "top secret");
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "outside");
        Files.createSymbolicLink(api.data.resolve("api-runs").resolve(id).resolve("link.txt"), outside);

        List<String> attempts = List.of("../../secret.txt", "..%2F..%2Fsecret.txt", "%2E%2E/%2E%2E/secret.txt",
                "..%2F..%2Fapi-token", "%2Fetc%2Fpasswd", "result/../../../secret.txt", "link.txt");
        for (String a : attempts) {
            HttpResponse<String> r = api.get("/api/runs/" + id + "/outputs/" + a);
            assertThat(r.statusCode()).as(a).isIn(400, 404);
            assertThat(r.body()).as(a).doesNotContain("top secret").doesNotContain("outside").doesNotContain(api.token)
                    .doesNotContain("root:");
        }
        assertThat(api.get("/api/runs/" + id + "/outputs/result/sum.txt").statusCode()).isEqualTo(200);
    }

    @Test
    void historyListsNewestFirstAndFiltersByStatus() throws Exception {
        api.save("sum", sum());
        api.save("fails", Graph.named("Fails").node("f", "test.fail").build());
        List<String> ids = new ArrayList<>();
        for (String name : List.of("sum", "fails", "sum")) {
            String id = api.submit("{\"workflow\": \"" + name + "\"}");
            api.awaitFinished(id);
            ids.add(id);
        }

        JsonNode all = json(api.get("/api/runs"));
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("runId").asText()).isEqualTo(ids.get(2));
        JsonNode failed = json(api.get("/api/runs?status=failed"));
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("runId").asText()).isEqualTo(ids.get(1));
        assertThat(json(api.get("/api/runs?status=succeeded&limit=1"))).hasSize(1);
    }

    @Test
    void catalogueAndSavedWorkflowsAreListed() throws Exception {
        api.save("sum", sum());
        api.save("team/squares", Graph.named("Squares").node("range", "test.range").build());
        Files.writeString(api.workflows.resolve("broken.json"), "{\"nodes\": ");

        JsonNode workflows = json(api.get("/api/workflows"));
        assertThat(workflows.findValuesAsText("name")).containsExactly("broken", "sum", "team/squares");
        assertThat(workflows.get(1).get("title").asText()).isEqualTo("Sum");
        assertThat(workflows.get(1).get("nodes").asInt()).isEqualTo(3);
        assertThat(workflows.get(0).get("error").asText()).contains("not valid JSON");

        JsonNode nodes = json(api.get("/api/nodes"));
        JsonNode add = null;
        for (JsonNode n : nodes) {
            if (n.get("type").asText().equals("test.add")) {
                add = n;
            }
        }
        assertThat(add).isNotNull();
        assertThat(add.get("displayName").asText()).isEqualTo("Add");
        assertThat(add.get("inputs").get(0).get("type").asText()).isEqualTo("integer");
        assertThat(add.get("inputs").get(1).get("required").asBoolean()).isFalse();
        JsonNode offset = add.get("params").get(0);
        assertThat(offset.get("kind").asText()).isEqualTo("integer");
        assertThat(offset.get("default").asLong()).isZero();
        assertThat(offset.get("min").asLong()).isEqualTo(-1_000_000);
        assertThat(offset.get("max").asLong()).isEqualTo(1_000_000);
    }

    @Test
    void healthNeedsNoTokenAndTellsTheQueue() {
        HttpResponse<String> r = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/health")).GET().build());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode h = json(r);
        assertThat(h.get("status").asText()).isEqualTo("ok");
        assertThat(h.get("device").asText()).isEqualTo("cpu");
        assertThat(h.get("version").asText()).isNotBlank();
        assertThat(h.get("queued").asInt()).isZero();
        assertThat(h.get("running").asInt()).isZero();
    }
}

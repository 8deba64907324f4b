package dev.flowlens.runtime.http;

import static dev.flowlens.runtime.http.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.scheduler.RunRecord;
import dev.flowlens.runtime.scheduler.ScheduleBook;
import dev.flowlens.runtime.scheduler.ScheduleStore;
import dev.flowlens.runtime.scheduler.StoreLocation;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/schedules over the scheduler's real SQLite store. */
class ApiSchedulesTest {
    @TempDir
    Path tmp;

    @Test
    void schedulesAreAddedListedAndRemoved() throws Exception {
        Path data = tmp.resolve("data");
        Path workflows = Files.createDirectories(tmp.resolve("workflows"));
        try (FlowLens flowLens = FlowLens.open(RuntimeConfig.defaults().withDataFolder(data).withParallelism(2));
             ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data));
             ApiFixture api = ApiFixture.attach(ApiServer.start(flowLens, 0, "127.0.0.1", data, workflows,
                     ApiLimits.defaults(), () -> "cpu", ScheduleBook.over(store)), workflows)) {
            api.save("sum", ApiRunsTest.sum());
            assertThat(json(api.get("/api/schedules"))).isEmpty();

            HttpResponse<String> added = api.post("/api/schedules",
                    "{\"workflow\": \"sum\", \"cron\": \"0 * * * *\", \"zone\": \"UTC\", \"set\": {\"a.value\": 3}}");

            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            JsonNode schedule = json(added);
            String id = schedule.get("id").asText();
            assertThat(schedule.get("workflow").asText()).isEqualTo("sum");
            assertThat(schedule.get("cron").asText()).isEqualTo("0 * * * *");
            assertThat(schedule.get("set").get("a.value").asText()).isEqualTo("3");
            assertThat(schedule.get("nextDue").asText()).endsWith(":00:00Z");
            assertThat(json(api.get("/api/schedules")).findValuesAsText("id")).containsExactly(id);
            assertThat(store.schedule(id)).isPresent();
            assertThat(json(api.get("/api/schedules/" + id + "/runs"))).isEmpty();

            HttpResponse<String> badCron = api.post("/api/schedules", "{\"workflow\": \"sum\", \"cron\": \"61 * * * *\"}");
            assertThat(badCron.statusCode()).isEqualTo(400);
            assertThat(json(badCron).get("error").asText()).contains("61");
            HttpResponse<String> badNode = api.post("/api/schedules",
                    "{\"workflow\": \"sum\", \"cron\": \"0 * * * *\", \"set\": {\"nope.value\": 1}}");
            assertThat(badNode.statusCode()).isEqualTo(400);
            assertThat(json(badNode).get("error").asText()).contains("no node \"nope\"");
            assertThat(api.post("/api/schedules", "{\"workflow\": \"absent\", \"cron\": \"0 * * * *\"}").statusCode())
                    .isEqualTo(404);

            HttpResponse<String> removed = api.send(HttpRequest.newBuilder(api.uri("/api/schedules/" + id))
                    .header("Authorization", "Bearer " + api.token).DELETE().build());
            assertThat(removed.statusCode()).isEqualTo(200);
            assertThat(json(api.get("/api/schedules"))).isEmpty();
            assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/schedules/" + id))
                    .header("Authorization", "Bearer " + api.token).DELETE().build()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void apiRunsJoinTheRunHistory() throws Exception {
        Path data = tmp.resolve("data");
        Path workflows = Files.createDirectories(tmp.resolve("workflows"));
        try (FlowLens flowLens = FlowLens.open(RuntimeConfig.defaults().withDataFolder(data).withParallelism(2));
             ScheduleStore store = ScheduleStore.open(StoreLocation.sqlite(data));
             ApiFixture api = ApiFixture.attach(ApiServer.start(flowLens, 0, "127.0.0.1", data, workflows,
                     ApiLimits.defaults(), () -> "cpu", ScheduleBook.over(store)), workflows)) {
            api.save("sum", ApiRunsTest.sum());
            api.save("fails", dev.flowlens.runtime.testnodes.Graph.named("Fails").node("f", "test.fail").build());

            String ok = api.submit("{\"workflow\": \"sum\"}");
            api.awaitFinished(ok);
            String failed = api.submit("{\"workflow\": \"fails\"}");
            api.awaitFinished(failed);

            RunRecord good = store.run(ok).orElseThrow();
            assertThat(good.trigger()).isEqualTo("api");
            assertThat(good.scheduleId()).isNull();
            assertThat(good.status()).isEqualTo(RunRecord.Status.SUCCEEDED);
            assertThat(good.workflowFile()).endsWith("sum.json");
            assertThat(good.outputFiles()).singleElement().asString().endsWith("sum.txt");
            RunRecord bad = store.run(failed).orElseThrow();
            assertThat(bad.status()).isEqualTo(RunRecord.Status.FAILED);
            assertThat(bad.nodeErrors().get("f")).contains("the answer is not valid JSON");
        }
    }

    @Test
    void aServerWithoutAScheduleStoreSaysSo() throws Exception {
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults())) {
            HttpResponse<String> r = api.get("/api/schedules");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).get("error").asText()).contains("does not manage schedules");
        }
    }
}

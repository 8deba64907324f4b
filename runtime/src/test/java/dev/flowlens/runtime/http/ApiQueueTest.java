package dev.flowlens.runtime.http;

import static dev.flowlens.runtime.http.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.testnodes.Graph;
import dev.flowlens.runtime.testnodes.TestNodes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded queue, the bounded number of running runs, and cancelling, against a real server. */
class ApiQueueTest {
    @TempDir
    Path tmp;

    @Test
    void fullQueueAnswers429AndCancelFreesTheSlot() throws Exception {
        String key = "api-queue-" + System.nanoTime();
        CountDownLatch started = new CountDownLatch(1);
        TestNodes.STARTED.put(key, started);
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults().withQueue(1, 1))) {
            api.save("blocks", Graph.named("Blocks").node("wait", "test.wait_cancel", "key", key).build());
            api.save("sum", ApiRunsTest.sum());

            String blocking = api.submit("{\"workflow\": \"blocks\"}");
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> second = api.post("/api/runs", "{\"workflow\": \"sum\"}");
            assertThat(second.statusCode()).isEqualTo(202);
            assertThat(json(second).get("status").asText()).isEqualTo("queued");
            String waiting = json(second).get("runId").asText();

            HttpResponse<String> third = api.post("/api/runs", "{\"workflow\": \"sum\"}");
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(json(third).get("error").asText()).contains("queue is full");

            JsonNode health = json(api.get("/api/health"));
            assertThat(health.get("running").asInt()).isEqualTo(1);
            assertThat(health.get("queued").asInt()).isEqualTo(1);
            assertThat(json(api.get("/api/runs/" + blocking)).get("status").asText()).isEqualTo("running");
            assertThat(json(api.get("/api/runs/" + waiting)).get("status").asText()).isEqualTo("queued");

            HttpResponse<String> cancel = api.post("/api/runs/" + blocking + "/cancel", "");
            assertThat(cancel.statusCode()).isEqualTo(202);

            JsonNode cancelled = api.awaitFinished(blocking);
            assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
            assertThat(cancelled.get("nodes").get("wait").get("state").asText()).isEqualTo("cancelled");
            assertThat(api.awaitFinished(waiting).get("status").asText()).isEqualTo("succeeded");
            assertThat(api.post("/api/runs/" + blocking + "/cancel", "").statusCode()).isEqualTo(409);
        } finally {
            TestNodes.STARTED.remove(key);
        }
    }

    @Test
    void aQueuedRunCanBeCancelledBeforeItStarts() throws Exception {
        String key = "api-queue-" + System.nanoTime();
        CountDownLatch started = new CountDownLatch(1);
        TestNodes.STARTED.put(key, started);
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults().withQueue(5, 1))) {
            api.save("blocks", Graph.named("Blocks").node("wait", "test.wait_cancel", "key", key).build());
            api.save("sum", ApiRunsTest.sum());
            String blocking = api.submit("{\"workflow\": \"blocks\"}");
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            String waiting = api.submit("{\"workflow\": \"sum\"}");

            HttpResponse<String> cancel = api.post("/api/runs/" + waiting + "/cancel", "");

            assertThat(cancel.statusCode()).isEqualTo(202);
            assertThat(json(cancel).get("status").asText()).isEqualTo("cancelled");
            assertThat(json(api.get("/api/health")).get("queued").asInt()).isZero();
            assertThat(json(api.get("/api/runs?status=cancelled")).findValuesAsText("runId")).containsExactly(waiting);
            api.post("/api/runs/" + blocking + "/cancel", "");
            assertThat(api.awaitFinished(blocking).get("status").asText()).isEqualTo("cancelled");
            assertThat(api.get("/api/runs/" + waiting + "/outputs/result/sum.txt").statusCode()).isEqualTo(404);
        } finally {
            TestNodes.STARTED.remove(key);
        }
    }
}

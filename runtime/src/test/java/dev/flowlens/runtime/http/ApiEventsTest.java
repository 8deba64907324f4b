package dev.flowlens.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.testnodes.Graph;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /api/events WebSocket: the run's events as JSON, live and replayed, for all runs or one. */
class ApiEventsTest {
    @TempDir
    Path tmp;
    ApiFixture api;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(tmp, ApiLimits.defaults());
        api.save("sum", ApiRunsTest.sum());
        api.save("chatty", Graph.named("Chatty").node("c", "test.chatty", "message", "hello from c").build());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void eventsArriveLiveInOrderUntilRunFinished() throws Exception {
        try (ApiFixture.Events events = api.events("")) {
            String id = api.submit("{\"workflow\": \"chatty\"}");

            List<JsonNode> seen = events.awaitRunFinished(id);

            assertThat(seen).allSatisfy(e -> assertThat(e.get("runId").asText()).isEqualTo(id));
            assertThat(seen.get(0).get("type").asText()).isEqualTo("run_started");
            assertThat(seen.get(0).get("workflow").asText()).isEqualTo("Chatty");
            assertThat(seen.get(0).get("trigger").get("kind").asText()).isEqualTo("api");
            List<String> types = seen.stream().map(e -> e.get("type").asText()).toList();
            assertThat(types).contains("node_state", "log", "node_finished").endsWith("run_finished");
            assertThat(seen.stream().filter(e -> e.get("type").asText().equals("log")).map(e -> e.get("message").asText()))
                    .contains("hello from c");
            assertThat(seen.stream().filter(e -> e.get("type").asText().equals("node_state"))
                    .anyMatch(e -> e.get("done").asInt() == 1 && e.get("total").asInt() == 2)).isTrue();
            JsonNode finished = seen.get(seen.size() - 1);
            assertThat(finished.get("status").asText()).isEqualTo("succeeded");
        }
    }

    @Test
    void aRunFilterReplaysWhatWasMissedAndShowsNoOtherRun() throws Exception {
        String first = api.submit("{\"workflow\": \"sum\"}");
        api.awaitFinished(first);
        String second = api.submit("{\"workflow\": \"chatty\"}");
        api.awaitFinished(second);

        try (ApiFixture.Events events = api.events("?run=" + first)) {
            List<JsonNode> seen = events.awaitRunFinished(first);

            assertThat(seen.get(0).get("type").asText()).isEqualTo("run_started");
            assertThat(seen).allSatisfy(e -> assertThat(e.get("runId").asText()).isEqualTo(first));
            assertThat(seen.stream().filter(e -> e.get("type").asText().equals("node_finished")).map(e -> e.get("node")
                    .asText())).containsExactlyInAnyOrder("a", "add", "w");
            String third = api.submit("{\"workflow\": \"chatty\"}");
            api.awaitFinished(third);
            assertThat(events.messages).isEmpty();
        }
    }

    @Test
    void closingTheServerLeavesNoThreadThatKeepsTheProcessAlive() throws Exception {
        try (ApiFixture.Events events = api.events("")) {
            api.awaitFinished(api.submit("{\"workflow\": \"sum\"}"));
        }
        api.close();

        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .map(Thread::getName)
                .filter(n -> n.startsWith("Javalin") || n.startsWith("Jetty") || n.startsWith("flowlens") || n.startsWith("qtp"))
                .toList();
        assertThat(left).isEmpty();
    }
}

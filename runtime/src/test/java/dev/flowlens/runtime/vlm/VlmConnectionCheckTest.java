package dev.flowlens.runtime.vlm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Test connection" against a loopback server: each verdict in words. */
class VlmConnectionCheckTest {
    private MockWebServer server;
    private VlmConnectionCheck check;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        check = new VlmConnectionCheck(new VlmClient(VlmClient.defaultHttpClient(),
                new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)),
                new EndpointRegistry(), VlmClient.DEFAULT_MAX_BODY_BYTES));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Endpoint endpoint(String key) {
        return Endpoint.of(server.url("/v1").toString(), key);
    }

    @Test
    void aServerThatServesTheModelPasses() throws Exception {
        server.enqueue(models("glm-4.6v-flash", "qwen2.5-vl"));
        VlmConnectionCheck.Report r = check.check(endpoint("sk-1"), "glm-4.6v-flash", Duration.ofSeconds(5));
        assertThat(r.ok()).isTrue();
        assertThat(r.models()).containsExactly("glm-4.6v-flash", "qwen2.5-vl");
        assertThat(r.lines()).contains("model glm-4.6v-flash is served", "API key accepted");
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/models");
    }

    @Test
    void aMissingModelIsNamedWithWhatIsServed() {
        server.enqueue(models("qwen2.5-vl"));
        VlmConnectionCheck.Report r = check.check(endpoint(null), "glm-4.6v-flash", Duration.ofSeconds(5));
        assertThat(r.ok()).isFalse();
        assertThat(r.endpointReachable()).isTrue();
        assertThat(r.modelServed()).isFalse();
        assertThat(r.lines()).contains("model glm-4.6v-flash is NOT served; the server lists: qwen2.5-vl");
    }

    @Test
    void aRefusedKeyIsSaidPlainlyWithoutTheKey() {
        server.enqueue(new MockResponse.Builder().code(401)
                .body("{\"error\": {\"message\": \"invalid key sk-wrong-9\"}}").build());
        VlmConnectionCheck.Report r = check.check(endpoint("sk-wrong-9"), "glm-4.6v-flash", Duration.ofSeconds(5));
        assertThat(r.endpointReachable()).isTrue();
        assertThat(r.keyAccepted()).isFalse();
        assertThat(String.join("\n", r.lines())).contains("API key refused").doesNotContain("sk-wrong-9");
    }

    @Test
    void aDeadEndpointIsNotReachable() throws IOException {
        String url = server.url("/v1").toString();
        server.close();
        VlmConnectionCheck.Report r = check.check(Endpoint.of(url, null), "m", Duration.ofSeconds(2));
        assertThat(r.endpointReachable()).isFalse();
        assertThat(r.lines().get(0)).contains("does not answer").contains("connection refused");
    }

    static MockResponse models(String... ids) {
        StringBuilder sb = new StringBuilder("{\"object\": \"list\", \"data\": [");
        for (int i = 0; i < ids.length; i++) {
            sb.append(i == 0 ? "" : ", ").append("{\"id\": \"").append(ids[i])
                    .append("\", \"object\": \"model\", \"owned_by\": \"vllm\"}");
        }
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(sb.append("]}").toString())
                .build();
    }
}

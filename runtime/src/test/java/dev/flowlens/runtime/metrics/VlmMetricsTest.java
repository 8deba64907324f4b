package dev.flowlens.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.runtime.vlm.CallOptions;
import dev.flowlens.runtime.vlm.ChatResult;
import dev.flowlens.runtime.vlm.Endpoint;
import dev.flowlens.runtime.vlm.EndpointRegistry;
import dev.flowlens.runtime.vlm.RetryPolicy;
import dev.flowlens.runtime.vlm.VlmClient;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** VLM request latency, retries and tokens by endpoint, from a real HTTP server that fails once. */
class VlmMetricsTest {
    @Test
    void chatCallsAreMeasuredByEndpointWithRetriesAndTokens() throws Exception {
        try (MockWebServer server = new MockWebServer(); FlowLensMetrics metrics = new FlowLensMetrics()) {
            server.start();
            server.enqueue(new MockResponse.Builder().code(500).body("overloaded").build());
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body("{\"model\": \"glm\", \"choices\": [{\"message\": {\"content\": \"a cat\"}, "
                            + "\"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": 12, \"completion_tokens\": 3}}")
                    .build());
            VlmClient client = new VlmClient(VlmClient.defaultHttpClient(),
                    new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)),
                    new EndpointRegistry(), VlmClient.DEFAULT_MAX_BODY_BYTES);
            Endpoint endpoint = Endpoint.of(server.url("/v1").toString(), "sk-secret-key");

            ChatResult r = client.chat(endpoint, new ObjectMapper().createObjectNode().put("model", "glm"),
                    CallOptions.of(Duration.ofSeconds(10), 1));

            assertThat(r.attempts()).isEqualTo(2);
            String labels = "endpoint=\"" + endpoint.baseUrl() + "\"";
            String text = metrics.scrape();
            assertThat(text).contains("flowlens_vlm_retries_total{" + labels + "} 1")
                    .contains("flowlens_vlm_tokens_total{" + labels + ",kind=\"prompt\"} 12")
                    .contains("flowlens_vlm_tokens_total{" + labels + ",kind=\"completion\"} 3")
                    .contains("flowlens_vlm_request_seconds_count{" + labels + ",outcome=\"ok\"} 1")
                    .doesNotContain("sk-secret-key");
        }
    }
}

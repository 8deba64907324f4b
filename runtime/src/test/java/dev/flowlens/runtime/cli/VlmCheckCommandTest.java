package dev.flowlens.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.runtime.vlm.EndpointRegistry;
import dev.flowlens.runtime.vlm.RetryPolicy;
import dev.flowlens.runtime.vlm.VlmClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code flowlens vlm check} as a person runs it: output and exit code. */
class VlmCheckCommandTest {
    private MockWebServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int run(Map<String, String> env, String... args) {
        VlmClient client = new VlmClient(VlmClient.defaultHttpClient(),
                new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)),
                new EndpointRegistry(), VlmClient.DEFAULT_MAX_BODY_BYTES);
        CommandLine cli = new CommandLine(new VlmCheckCommand(env::get, client));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aWorkingEndpointSaysSoAndExitsZero() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .body("{\"data\": [{\"id\": \"glm-4.6v-flash\"}]}").build());
        int code = run(Map.of("ZAI_KEY", "sk-cli-42"), "--endpoint", server.url("/v1").toString(),
                "--model", "glm-4.6v-flash", "--api-key-env", "ZAI_KEY");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("ok    endpoint", "ok    API key", "ok    model", "The endpoint works.")
                .doesNotContain("sk-cli-42");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-cli-42");
    }

    @Test
    void aMissingModelExitsOne() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .body("{\"data\": [{\"id\": \"llava\"}]}").build());
        int code = run(Map.of(), "--endpoint", server.url("/v1").toString(), "--model", "glm-4.6v-flash");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL  model", "the server lists: llava", "does not work yet");
    }

    @Test
    void anUnsetKeyVariableExitsTwoBeforeAnyRequest() {
        int code = run(Map.of(), "--endpoint", server.url("/v1").toString(), "--api-key-env", "NOPE");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("environment variable NOPE is not set");
        assertThat(server.getRequestCount()).isZero();
    }
}

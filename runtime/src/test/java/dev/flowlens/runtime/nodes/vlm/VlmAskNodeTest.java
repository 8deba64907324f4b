package dev.flowlens.runtime.nodes.vlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.Detection;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.vlm.EndpointRegistry;
import dev.flowlens.runtime.vlm.RetryPolicy;
import dev.flowlens.runtime.vlm.VlmClient;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node against a real HTTP server on loopback: what it sends, how it reads the answers vLLM and Z.ai
 * write, and how it behaves when the server misbehaves.
 */
class VlmAskNodeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KEY = "sk-test-7f3a9c1e5b";
    private static final String SCHEMA = """
            {"type": "object",
             "properties": {"category": {"type": "string"}, "color": {"type": "string"},
                            "key_features": {"type": "array", "items": {"type": "string"}}},
             "required": ["category", "color", "key_features"]}""";

    private MockWebServer server;
    private AskVisionModel node;
    private RecordingNodeContext context;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        VlmClient client = new VlmClient(VlmClient.defaultHttpClient(),
                new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5)),
                new EndpointRegistry(), 64 * 1024);
        node = new AskVisionModel(client);
        context = new RecordingNodeContext(Map.of("FLOWLENS_TEST_KEY", KEY));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ------------------------------------------------------------ what is sent, what comes out

    @Test
    void sendsModelMessagesImageFormatThinkingAndKeyAndReadsAVllmAnswer() throws Exception {
        server.enqueue(json(vllm("{\"category\": \"mug\", \"color\": \"white\", \"key_features\": [\"ceramic\"]}",
                "The cup is white and ceramic.", "stop")));
        Map<String, Object> out = node.execute(input(image(2000, 1000), Map.of(
                "api_key", new ParamValue.Secret(SecretRef.env("FLOWLENS_TEST_KEY")),
                "system_prompt", new ParamValue.Text("You write product listings."),
                "prompt", new ParamValue.Text("Describe {{sku}} ({{image_name}}) for the {{shop.name}} shop."),
                "image_max_side", new ParamValue.Int(500),
                "thinking", new ParamValue.Bool(false),
                "response_schema", new ParamValue.Json(MAPPER.readTree(SCHEMA))),
                MAPPER.readTree("{\"sku\": \"A-17\", \"shop\": {\"name\": \"Corner\"}}")), context);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = MAPPER.readTree(request.getBody().utf8());
        assertThat(body.path("model").asText()).isEqualTo("glm-4.6v-flash");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(2048);
        assertThat(body.path("chat_template_kwargs").path("enable_thinking").asBoolean(true)).isFalse();
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(body.path("response_format").path("json_schema").path("schema"))
                .isEqualTo(MAPPER.readTree(SCHEMA));
        JsonNode messages = body.path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).isEqualTo("You write product listings.");
        JsonNode parts = messages.get(1).path("content");
        assertThat(parts.get(1).path("text").asText())
                .startsWith("Describe A-17 (product.png) for the Corner shop.")
                .contains("\"key_features\"");
        String url = parts.get(0).path("image_url").path("url").asText();
        assertThat(url).startsWith("data:image/jpeg;base64,");
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))));
        assertThat(sent.getWidth()).isEqualTo(500);
        assertThat(sent.getHeight()).isEqualTo(250);

        assertThat(((JsonNode) out.get("json")).path("color").asText()).isEqualTo("white");
        assertThat(out.get("answer")).asString().contains("\"category\": \"mug\"");
        assertThat(out.get("reasoning")).isEqualTo("The cup is white and ceramic.");
        assertThat(((JsonNode) out.get("usage")).path("prompt_tokens").asLong()).isEqualTo(812);
        assertThat(((JsonNode) out.get("usage")).path("completion_tokens").asLong()).isEqualTo(138);
        assertThat(out.get("model")).isEqualTo("glm-4.6v-flash");
        assertThat((Long) out.get("latency_ms")).isGreaterThanOrEqualTo(0L);
        assertThat(out.values().toString()).doesNotContain(KEY);
    }

    @Test
    void readsAZaiStyleAnswerWithThinkTagsAndACodeFence() throws Exception {
        String content = "<think>Looks like a red rocket toy.</think>\n```json\n"
                + "{\"category\": \"toy\", \"color\": \"red\", \"key_features\": [\"fins\", \"nose cone\"]}\n```";
        server.enqueue(json(zai(content)));
        Map<String, Object> out = node.execute(input(image(300, 200), Map.of(
                "response_schema", new ParamValue.Json(MAPPER.readTree(SCHEMA)))), context);

        assertThat(((JsonNode) out.get("json")).path("key_features").size()).isEqualTo(2);
        assertThat(out.get("reasoning")).isEqualTo("Looks like a red rocket toy.");
        assertThat((String) out.get("answer")).doesNotContain("<think>").startsWith("```json");
        JsonNode sent = MAPPER.readTree(server.takeRequest().getBody().utf8());
        assertThat(sent.has("chat_template_kwargs")).as("thinking stays on by default").isFalse();
        assertThat(sent.has("Authorization")).isFalse();
    }

    @Test
    void glmBoxTokensBecomeDetectionsInPixelsOfTheOriginalImage() throws Exception {
        server.enqueue(json(vllm("The cat is here <|begin_of_box|>[100,200,500,800]<|end_of_box|> and a cup "
                + "<|begin_of_box|>[600,0,1000,250]<|end_of_box|>.", null, "stop")));
        Map<String, Object> out = node.execute(input(image(2000, 1000), Map.of(
                "prompt", new ParamValue.Text("Where is the cat?"), "image_max_side", new ParamValue.Int(256))), context);

        Detections d = (Detections) out.get("detections");
        assertThat(d.imageWidth()).isEqualTo(2000);
        assertThat(d.imageHeight()).isEqualTo(1000);
        assertThat(d.items()).hasSize(2);
        Detection cat = d.items().get(0);
        assertThat(cat.x()).isEqualTo(200.0);
        assertThat(cat.y()).isEqualTo(200.0);
        assertThat(cat.width()).isEqualTo(800.0);
        assertThat(cat.height()).isEqualTo(600.0);
        assertThat(d.items().get(1).x()).isEqualTo(1200.0);
        assertThat(out.get("answer")).isEqualTo("The cat is here [100,200,500,800] and a cup [600,0,1000,250].");
        assertThat(out.get("json")).isEqualTo(com.fasterxml.jackson.databind.node.NullNode.getInstance());
    }

    @Test
    void theNodeIsFoundThroughItsProviderAndNeverServedFromCache() {
        List<NodeType> types = new ArrayList<>();
        ServiceLoader.load(NodeProvider.class).forEach(p -> types.addAll(p.nodeTypes()));
        NodeType ask = types.stream().filter(t -> t.spec().typeId().equals("vlm.ask")).findFirst().orElseThrow();
        assertThat(ask.spec().flags()).contains(NodeFlag.NON_DETERMINISTIC);
        assertThat(ask.spec().displayName()).isEqualTo("Ask vision model");
        assertThat(ask.spec().outputs()).extracting(o -> o.name())
                .containsExactly("answer", "json", "reasoning", "detections", "usage", "latency_ms", "model");
    }

    // ------------------------------------------------------------ retries

    @Test
    void a429WaitsAsLongAsRetryAfterSays() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
                .setHeader("Content-Type", "application/json")
                .body("{\"error\": {\"message\": \"Rate limit reached\"}}").build());
        server.enqueue(json(vllm("fine", null, "stop")));
        long start = System.nanoTime();
        Map<String, Object> out = node.execute(input(image(64, 64), Map.of()), context);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(out.get("answer")).isEqualTo("fine");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(waited).as("Retry-After: 1 is honoured, not the 20 ms backoff").isGreaterThanOrEqualTo(950);
    }

    @Test
    void serverErrorsAreRetriedUpToThreeTries() throws Exception {
        server.enqueue(new MockResponse.Builder().code(500).body("{\"message\": \"CUDA out of memory\"}").build());
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        server.enqueue(json(vllm("third time lucky", null, "stop")));
        Map<String, Object> out = node.execute(input(image(64, 64), Map.of()), context);
        assertThat(out.get("answer")).isEqualTo("third time lucky");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void threeServerErrorsFailWithTheServersMessage() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "application/json")
                    .body("{\"object\": \"error\", \"message\": \"upstream model crashed\", \"code\": 502}").build());
        }
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of()), context))
                .isInstanceOf(NodeFailure.class)
                .hasMessageStartingWith("Ask vision model (node ask): product.png: ")
                .hasMessageContaining("HTTP 502 to all 3 tries: upstream model crashed");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aDroppedConnectionIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(json(vllm("after reset", null, "stop")));
        Map<String, Object> out = node.execute(input(image(64, 64), Map.of()), context);
        assertThat(out.get("answer")).isEqualTo("after reset");
    }

    @Test
    void aClientErrorFailsAtOnceWithTheServersMessage() {
        server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
                .body("{\"object\": \"error\", \"message\": \"max_tokens must be at most 8192\", \"type\": "
                        + "\"BadRequestError\", \"code\": 400}").build());
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of()), context))
                .isInstanceOf(NodeFailure.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("max_tokens must be at most 8192");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aSlowServerTimesOut() {
        server.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS)
                .body(vllm("too late", null, "stop")).build());
        long start = System.nanoTime();
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of("timeout_s", new ParamValue.Int(1))), context))
                .isInstanceOf(NodeFailure.class)
                .hasMessageContaining("within 1 s");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
        assertThat(server.getRequestCount()).as("a timed-out request is not repeated").isEqualTo(1);
    }

    @Test
    void cancellingTheRunAbortsTheRequestInFlight() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrived.countDown();
                return new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).body("{}").build();
            }
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Map<String, Object>> run = pool.submit(() -> node.execute(input(image(64, 64), Map.of()), context));
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            context.cancelled.set(true);
            assertThatThrownBy(() -> run.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------ garbage

    @Test
    void anHtmlErrorPageIsNamedAsSuch() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html")
                .body("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>").build());
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of()), context))
                .isInstanceOf(NodeFailure.class)
                .hasMessageContaining("web page (\"502 Bad Gateway\") instead of JSON");
    }

    @Test
    void emptyTruncatedWrongTypeAndHugeBodiesEachGiveAClearFailure() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body("").build());
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of()), context))
                .isInstanceOf(NodeFailure.class).hasMessageContaining("empty body");

        server.enqueue(json("{\"choices\": [{\"message\": {\"content\": \"hal"));
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of()), context))
                .isInstanceOf(NodeFailure.class).hasMessageContaining("not valid JSON (cut off or garbled)");

        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain").body("Internal hiccup").build());
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of()), context))
                .isInstanceOf(NodeFailure.class).hasMessageContaining("text/plain instead of application/json")
                .hasMessageContaining("Internal hiccup");

        server.enqueue(json("{\"data\": \"" + "x".repeat(200_000) + "\"}"));
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of()), context))
                .isInstanceOf(NodeFailure.class).hasMessageContaining("larger than");

        server.enqueue(json("{\"id\": \"x\", \"object\": \"list\", \"data\": []}"));
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of()), context))
                .isInstanceOf(NodeFailure.class).hasMessageContaining("no choices[0].message");
    }

    // ------------------------------------------------------------ schema and repair

    @Test
    void aSchemaMismatchIsRepairedOnceByTellingTheModelWhatWasWrong() throws Exception {
        server.enqueue(json(vllm("{\"category\": \"mug\", \"color\": \"white\"}", null, "stop")));
        server.enqueue(json(vllm("{\"category\": \"mug\", \"color\": \"white\", \"key_features\": [\"handle\"]}",
                null, "stop")));
        Map<String, Object> out = node.execute(input(image(64, 64), Map.of(
                "response_schema", new ParamValue.Json(MAPPER.readTree(SCHEMA)))), context);

        assertThat(((JsonNode) out.get("json")).path("key_features").get(0).asText()).isEqualTo("handle");
        assertThat(((JsonNode) out.get("usage")).path("requests").asInt()).isEqualTo(2);
        server.takeRequest();
        JsonNode repair = MAPPER.readTree(server.takeRequest().getBody().utf8()).path("messages");
        JsonNode last = repair.get(repair.size() - 1);
        assertThat(repair.get(repair.size() - 2).path("role").asText()).isEqualTo("assistant");
        assertThat(last.path("role").asText()).isEqualTo("user");
        assertThat(last.path("content").asText()).contains("did not match").contains("key_features");
        assertThat(context.logLines).singleElement().asString()
                .startsWith("product.png: the answer did not match the response schema").contains("key_features");
    }

    @Test
    void aSecondMismatchFailsWithTheValidatorsMessageAndTheRawAnswer() throws Exception {
        server.enqueue(json(vllm("{\"category\": 7, \"color\": \"white\", \"key_features\": []}", null, "stop")));
        server.enqueue(json(vllm("{\"category\": 7, \"color\": \"white\", \"key_features\": []}", null, "stop")));
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of(
                "response_schema", new ParamValue.Json(MAPPER.readTree(SCHEMA)))), context))
                .isInstanceOf(NodeFailure.class)
                .hasMessageContaining("does not match the response schema, also after a repair request")
                .hasMessageContaining("/category: integer found, string expected")
                .hasMessageContaining("The model answered: \"{\"category\": 7");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anAnswerCutOffAtMaxTokensSaysSo() throws Exception {
        server.enqueue(json(vllm("{\"category\": \"mug\", \"col", null, "length")));
        server.enqueue(json(vllm("{\"category\": \"mug\", \"col", null, "length")));
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of(
                "response_schema", new ParamValue.Json(MAPPER.readTree(SCHEMA)))), context))
                .isInstanceOf(NodeFailure.class)
                .hasMessageContaining("cut off at max tokens");
    }

    @Test
    void aRefusedJsonSchemaFallsBackToJsonObjectAndTheEndpointRemembersIt() throws Exception {
        MockResponse refused = new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
                .body("{\"error\": {\"code\": \"1214\", \"message\": \"response_format type json_schema is not supported\"}}")
                .build();
        String ok = vllm("{\"category\": \"mug\", \"color\": \"blue\", \"key_features\": []}", null, "stop");
        server.enqueue(refused);
        server.enqueue(json(ok));
        server.enqueue(json(ok));
        Map<String, ParamValue> params = Map.of("response_schema", new ParamValue.Json(MAPPER.readTree(SCHEMA)));

        node.execute(input(image(64, 64), params), context);
        Map<String, Object> second = node.execute(input(image(64, 64), params), context);

        assertThat(((JsonNode) second.get("json")).path("color").asText()).isEqualTo("blue");
        assertThat(formatOf(server.takeRequest())).isEqualTo("json_schema");
        assertThat(formatOf(server.takeRequest())).isEqualTo("json_object");
        assertThat(formatOf(server.takeRequest())).as("remembered for the endpoint").isEqualTo("json_object");
        assertThat(context.logLines).singleElement().asString().contains("using json_object");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aServerThatRefusesEveryResponseFormatIsAskedWithoutOne() throws Exception {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(400).body("{\"detail\": \"response_format not allowed\"}").build());
        }
        server.enqueue(json(vllm("{\"category\": \"mug\", \"color\": \"blue\", \"key_features\": []}", null, "stop")));
        node.execute(input(image(64, 64), Map.of("response_schema", new ParamValue.Json(MAPPER.readTree(SCHEMA)))), context);
        assertThat(formatOf(server.takeRequest())).isEqualTo("json_schema");
        assertThat(formatOf(server.takeRequest())).isEqualTo("json_object");
        RecordedRequest third = server.takeRequest();
        assertThat(formatOf(third)).isEqualTo("");
        assertThat(MAPPER.readTree(third.getBody().utf8()).path("messages").get(0).path("content").get(1)
                .path("text").asText()).as("the schema still travels in the prompt").contains("key_features");
    }

    @Test
    void anExplicitFormatIsNotSilentlyChanged() throws Exception {
        server.enqueue(new MockResponse.Builder().code(400).body("{\"detail\": \"json_schema unsupported\"}").build());
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of(
                "response_schema", new ParamValue.Json(MAPPER.readTree(SCHEMA)),
                "response_format", new ParamValue.Text("json_schema"))), context))
                .isInstanceOf(NodeFailure.class).hasMessageContaining("json_schema unsupported");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    // ------------------------------------------------------------ concurrency and secrets

    @Test
    void concurrentRequestsToOneEndpointStayWithinTheLimit() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        String answer = vllm("ok", null, "stop");
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int now = inFlight.incrementAndGet();
                peak.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(150); // the server's "model time"; this is the thing being measured
                } finally {
                    inFlight.decrementAndGet();
                }
                return json(answer);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Map<String, Object>>> runs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                runs.add(pool.submit(() -> node.execute(input(image(32, 32),
                        Map.of("max_concurrent", new ParamValue.Int(3))), context)));
            }
            for (Future<Map<String, Object>> f : runs) {
                assertThat(f.get(30, TimeUnit.SECONDS).get("answer")).isEqualTo("ok");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(peak.get()).isEqualTo(3);
    }

    @Test
    void separateNodesOnTheSharedClientShareOneLimitPerEndpoint() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch allArrived = new CountDownLatch(8);
        String answer = vllm("ok", null, "stop");
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(100); // the server's "model time"
                } finally {
                    inFlight.decrementAndGet();
                    allArrived.countDown();
                }
                return json(answer);
            }
        });
        // Two nodes as the provider makes them (a manual run and a scheduled one, say): same shared client.
        AskVisionModel first = new AskVisionModel();
        AskVisionModel second = new AskVisionModel();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Map<String, Object>>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                AskVisionModel n = i % 2 == 0 ? first : second;
                runs.add(pool.submit(() -> n.execute(input(image(32, 32), Map.of("max_concurrent", new ParamValue.Int(2))),
                        new RecordingNodeContext())));
            }
            for (Future<Map<String, Object>> f : runs) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(allArrived.getCount()).isZero();
        assertThat(peak.get()).isEqualTo(2);
    }

    @Test
    void aRunCancelledWhileWaitingForASlotStopsWaiting() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                busy.countDown();
                return new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS).body("{}").build();
            }
        });
        Map<String, ParamValue> oneAtATime = Map.of("max_concurrent", new ParamValue.Int(1));
        RecordingNodeContext other = new RecordingNodeContext();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Map<String, Object>> holder = pool.submit(() -> node.execute(input(image(32, 32), oneAtATime), other));
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Map<String, Object>> waiter = pool.submit(() -> node.execute(input(image(32, 32), oneAtATime), context));
            context.cancelled.set(true);
            assertThatThrownBy(() -> waiter.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
            assertThat(server.getRequestCount()).as("the waiting item never reached the server").isEqualTo(1);
            other.cancelled.set(true);
            assertThatThrownBy(() -> holder.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theApiKeyNeverAppearsInFailuresEvenWhenTheServerEchoesIt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
                .body("{\"error\": {\"message\": \"Incorrect API key provided: " + KEY + "\"}}").build());
        Map<String, ParamValue> params = Map.of("api_key", new ParamValue.Secret(SecretRef.env("FLOWLENS_TEST_KEY")));
        assertThatThrownBy(() -> node.execute(input(image(64, 64), params), context))
                .isInstanceOf(NodeFailure.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("Incorrect API key provided: ***")
                .hasMessageContaining("check the API key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(context.logLines.toString()).doesNotContain(KEY);
    }

    @Test
    void anUnsetSecretNamesTheReferenceAndSendsNothing() {
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of(
                "api_key", new ParamValue.Secret(SecretRef.env("NOT_SET_ANYWHERE")))), context))
                .isInstanceOf(NodeFailure.class).hasMessageContaining("env:NOT_SET_ANYWHERE");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void anUnknownTemplateFieldListsTheKnownOnes() {
        assertThatThrownBy(() -> node.execute(input(image(64, 64), Map.of(
                "prompt", new ParamValue.Text("Describe {{colour}}"))), context))
                .isInstanceOf(NodeFailure.class)
                .hasMessageContaining("prompt uses {{colour}}")
                .hasMessageContaining("image_name");
        assertThat(server.getRequestCount()).isZero();
    }

    // ------------------------------------------------------------ helpers

    private NodeInput input(ImageValue image, Map<String, ParamValue> params) {
        return input(image, params, null);
    }

    private NodeInput input(ImageValue image, Map<String, ParamValue> params, JsonNode json) {
        Map<String, ParamValue> all = new HashMap<>(params);
        all.put("endpoint", new ParamValue.Text(server.url("/v1").toString()));
        Map<String, Object> values = new HashMap<>();
        values.put("image", image);
        if (json != null) {
            values.put("json", json);
        }
        return new NodeInput(values, new Params(node.spec(), all));
    }

    static ImageValue image(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLUE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        return ImageValue.of(img, "product.png");
    }

    private static String formatOf(RecordedRequest request) throws IOException {
        return MAPPER.readTree(request.getBody().utf8()).path("response_format").path("type").asText("");
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body).build();
    }

    /** A non-streaming answer in the shape vLLM's OpenAI server writes (reasoning parser on). */
    static String vllm(String content, String reasoning, String finish) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("id", "chatcmpl-9d2c").put("object", "chat.completion").put("created", 1763790000)
                .put("model", "glm-4.6v-flash");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", content);
        if (reasoning != null) {
            message.put("reasoning_content", reasoning);
        } else {
            message.putNull("reasoning_content");
        }
        message.putArray("tool_calls");
        choice.putNull("logprobs").put("finish_reason", finish).putNull("stop_reason");
        root.putObject("usage").put("prompt_tokens", 812).put("total_tokens", 950).put("completion_tokens", 138)
                .putNull("prompt_tokens_details");
        root.putNull("prompt_logprobs");
        return root.toString();
    }

    /** A non-streaming answer in the shape Z.ai's /api/paas/v4 writes. */
    static String zai(String content) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("id", "20251122131415abcdef").put("request_id", "20251122131415abcdef")
                .put("created", 1763790000).put("model", "glm-4.6v-flash");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 1034).put("completion_tokens", 57).put("total_tokens", 1091)
                .putObject("prompt_tokens_details").put("cached_tokens", 0);
        return root.toString();
    }
}

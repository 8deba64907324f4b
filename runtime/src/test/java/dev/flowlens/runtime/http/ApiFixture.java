package dev.flowlens.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.api.FlowLens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real API server on a free loopback port with its own data folder and workflows root, and a real HTTP client
 * that sends the server's token: the shared fixture of the API tests.
 */
final class ApiFixture implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);

    final Path data;
    final Path workflows;
    final ApiServer server;
    final String token;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ApiFixture(Path data, Path workflows, ApiServer server) throws IOException {
        this.data = data;
        this.workflows = workflows;
        this.server = server;
        this.token = Files.readString(server.tokenFile()).strip();
    }

    static ApiFixture start(Path tmp, ApiLimits limits) throws IOException {
        return start(tmp, limits, "127.0.0.1");
    }

    static ApiFixture start(Path tmp, ApiLimits limits, String bind) throws IOException {
        Path data = tmp.resolve("data");
        Path workflows = Files.createDirectories(tmp.resolve("workflows"));
        return new ApiFixture(data, workflows, ApiServer.start(0, bind, data, workflows, limits));
    }

    /** A server on a runtime the test owns (for a runtime with a fake environment). */
    static ApiFixture start(Path tmp, FlowLens flowLens, ApiLimits limits) throws IOException {
        Path data = tmp.resolve("data");
        Path workflows = Files.createDirectories(tmp.resolve("workflows"));
        return new ApiFixture(data, workflows, ApiServer.start(flowLens, 0, "127.0.0.1", data, workflows, limits,
                () -> "cpu"));
    }

    /** A client of a server the test started itself; closing the fixture closes the server. */
    static ApiFixture attach(ApiServer server, Path workflows) throws IOException {
        return new ApiFixture(server.tokenFile().getParent(), workflows, server);
    }

    URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    void save(String name, Workflow workflow) throws IOException {
        Path file = workflows.resolve(name + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, WorkflowCodec.write(workflow));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** Submits and returns the run id, failing with the server's answer unless it was accepted. */
    String submit(String body) {
        HttpResponse<String> r = post("/api/runs", body);
        if (r.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + r.statusCode() + ": " + r.body());
        }
        return json(r).get("runId").asText();
    }

    /** Waits for the run's run_finished event (the WebSocket replays what was missed), then returns GET /api/runs/{id}. */
    JsonNode awaitFinished(String runId) throws Exception {
        try (Events events = events("?run=" + runId)) {
            events.awaitRunFinished(runId);
        }
        return json(get("/api/runs/" + runId));
    }

    Events events(String query) throws Exception {
        Events events = new Events();
        events.socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(server.baseUri().toString().replace("http:", "ws:") + "/api/events" + query), events)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        JsonNode hello = events.next();
        if (!hello.path("type").asText().equals("subscribed")) {
            throw new AssertionError("expected the subscribed message first, got " + hello);
        }
        return events;
    }

    @Override
    public void close() {
        server.close();
    }

    /** A WebSocket client of /api/events that queues every message it receives. */
    static final class Events implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode next() throws Exception {
            String m = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no event within " + WAIT);
            }
            return MAPPER.readTree(m);
        }

        /** Every event up to and including the run's run_finished. */
        java.util.List<JsonNode> awaitRunFinished(String runId) throws Exception {
            java.util.List<JsonNode> seen = new java.util.ArrayList<>();
            while (true) {
                JsonNode e = next();
                seen.add(e);
                if (e.path("type").asText().equals("run_finished") && e.path("runId").asText().equals(runId)) {
                    return seen;
                }
            }
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null)
                    .join();
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

package dev.flowlens.runtime.http;

import static dev.flowlens.runtime.http.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.testnodes.Graph;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token, allow-list, size limit, path roots and secrets, against a real server. */
class ApiSecurityTest {
    @TempDir
    Path tmp;

    @Test
    void missingOrWrongTokenIsRefusedWithoutDetail() throws Exception {
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults())) {
            api.save("sum", ApiRunsTest.sum());
            for (String path : List.of("/api/runs", "/api/nodes", "/api/workflows", "/api/runs/x", "/api/no-such-thing")) {
                HttpResponse<String> none = api.send(HttpRequest.newBuilder(api.uri(path)).GET().build());
                assertThat(none.statusCode()).as(path).isEqualTo(401);
                assertThat(none.body()).isEqualTo("{\"error\":\"unauthorized\"}");
                HttpResponse<String> wrong = api.send(HttpRequest.newBuilder(api.uri(path))
                        .header("Authorization", "Bearer " + api.token + "x").GET().build());
                assertThat(wrong.statusCode()).as(path).isEqualTo(401);
                assertThat(wrong.body()).isEqualTo("{\"error\":\"unauthorized\"}");
            }
            HttpResponse<String> post = api.send(HttpRequest.newBuilder(api.uri("/api/runs"))
                    .header("Authorization", api.token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"workflow\": \"sum\"}")).build());
            assertThat(post.statusCode()).isEqualTo(401);
            assertThat(json(api.get("/api/runs"))).isEmpty();
        }
    }

    @Test
    void webSocketWithoutTokenIsRefused() throws Exception {
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults())) {
            URI ws = URI.create(api.server.baseUri().toString().replace("http:", "ws:") + "/api/events");
            assertThat(handshakeStatus(api.http.newWebSocketBuilder(), ws)).isEqualTo(401);
            assertThat(handshakeStatus(api.http.newWebSocketBuilder().header("Authorization", "Bearer nope"), ws))
                    .isEqualTo(401);
        }
    }

    private static int handshakeStatus(WebSocket.Builder builder, URI uri) throws Exception {
        try {
            builder.buildAsync(uri, new ApiFixture.Events()).get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
            return ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    @Test
    void tokenFileIsOwnerOnlyAndSurvivesRestarts() throws Exception {
        String first;
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults())) {
            Path file = api.data.resolve("api-token");
            assertThat(api.server.tokenFile()).isEqualTo(file);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            first = api.token;
            assertThat(first).hasSizeGreaterThanOrEqualTo(40);
        }
        try (ApiFixture again = ApiFixture.start(tmp, ApiLimits.defaults())) {
            assertThat(again.token).isEqualTo(first);
            assertThat(again.get("/api/runs").statusCode()).isEqualTo(200);
        }
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        try (ApiFixture fresh = ApiFixture.start(other, ApiLimits.defaults())) {
            assertThat(fresh.token).isNotEqualTo(first);
        }
    }

    @Test
    void oversizedBodyIsRefusedWith413() throws Exception {
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults().withMaxRequestBytes(4096))) {
            String big = "{\"workflow\": \"sum\", \"set\": {\"a.value\": \"" + "9".repeat(64 * 1024) + "\"}}";

            HttpResponse<String> r = api.post("/api/runs", big);

            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(json(api.get("/api/runs"))).isEmpty();
        }
    }

    @Test
    void chunkedOversizedBodyIsRefusedWith413() throws Exception {
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults().withMaxRequestBytes(4096))) {
            byte[] big = ("{\"workflow\": \"sum\", \"set\": {\"a.value\": \"" + "9".repeat(8 * 1024) + "\"}}").getBytes();
            // No Content-Length: the body arrives as a stream and is counted while read.
            HttpResponse<String> r = api.send(HttpRequest.newBuilder(api.uri("/api/runs"))
                    .header("Authorization", "Bearer " + api.token)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build());

            assertThat(r.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void clientsOutsideTheAllowListAreRefused() throws Exception {
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults().withAllowedClients(Set.of("10.9.8.7")))) {
            assertThat(api.get("/api/runs").statusCode()).isEqualTo(403);
            assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/health")).GET().build()).statusCode()).isEqualTo(403);
        }
        Path second = Files.createDirectories(tmp.resolve("second"));
        try (ApiFixture api = ApiFixture.start(second, ApiLimits.defaults().withAllowedClients(Set.of("127.0.0.1")))) {
            assertThat(api.get("/api/runs").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void offLoopbackFilePathsMustStayInsideTheRoots() throws Exception {
        Path inputs = Files.createDirectories(tmp.resolve("inputs"));
        Files.createDirectories(inputs.resolve("photos"));
        ApiLimits limits = ApiLimits.defaults().withAllowedClients(Set.of("127.0.0.1")).withInputRoots(List.of(inputs));
        try (ApiFixture api = ApiFixture.start(tmp, limits, "0.0.0.0")) {
            assertThat(api.server.restrictsPaths()).isTrue();
            Workflow reads = Graph.named("Reads").node("load", "test.needs_folder", "folder", "/etc").build();

            HttpResponse<String> outside = api.post("/api/runs", "{\"document\": " + WorkflowCodec.toTree(reads) + "}");
            assertThat(outside.statusCode()).isEqualTo(400);
            JsonNode issue = json(outside).get("issues").get(0);
            assertThat(issue.get("node").asText()).isEqualTo("load");
            assertThat(issue.get("field").asText()).isEqualTo("folder");
            assertThat(issue.get("code").asText()).isEqualTo("path_outside_roots");

            HttpResponse<String> sneaky = api.post("/api/runs", "{\"document\": " + WorkflowCodec.toTree(reads)
                    + ", \"set\": {\"load.folder\": \"" + inputs + "/../data\"}}");
            assertThat(sneaky.statusCode()).isEqualTo(400);

            String inside = api.submit("{\"document\": " + WorkflowCodec.toTree(reads) + ", \"set\": {\"load.folder\": \""
                    + inputs.resolve("photos") + "\"}}");
            assertThat(api.awaitFinished(inside).get("status").asText()).isEqualTo("succeeded");

            Workflow writes = Graph.named("Writes").node("a", "test.const").node("w", "test.write_text", "path",
                    tmp.resolve("elsewhere.txt").toString()).wire("a.value", "w.value").build();
            HttpResponse<String> writesOutside = api.post("/api/runs", "{\"document\": " + WorkflowCodec.toTree(writes) + "}");
            assertThat(writesOutside.statusCode()).isEqualTo(400);
            assertThat(json(writesOutside).get("issues").get(0).get("message").asText()).contains("run's output folder");
            assertThat(tmp.resolve("elsewhere.txt")).doesNotExist();
            assertThat(api.post("/api/runs", "{\"document\": " + WorkflowCodec.toTree(writes)
                    + ", \"set\": {\"w.path\": \"../other-run/x.txt\"}}").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void secretsAreNeverReturned() throws Exception {
        String secret = "s3cr3t-value-123";
        try (FlowLens flowLens = FlowLens.open(RuntimeConfig.defaults().withDataFolder(tmp.resolve("data"))
                .withParallelism(2).withEnvironment(name -> name.equals("MY_KEY") ? secret : null));
             ApiFixture api = ApiFixture.start(tmp, flowLens, ApiLimits.defaults())) {
            api.save("secret", Graph.named("Secret").node("s", "test.secret_length", "key",
                    new dev.flowlens.core.model.ParamValue.Secret(dev.flowlens.core.model.SecretRef.env("OTHER"))).build());
            String id;
            List<JsonNode> events;
            try (ApiFixture.Events all = api.events("")) {
                id = api.submit("{\"workflow\": \"secret\", \"set\": {\"s.key\": \"env:MY_KEY\"}}");
                events = all.awaitRunFinished(id);
            }

            JsonNode run = json(api.get("/api/runs/" + id));
            assertThat(run.get("status").asText()).isEqualTo("succeeded");
            assertThat(run.get("nodes").get("s").get("outputs").get("length").asText()).isEqualTo(String.valueOf(secret.length()));
            assertThat(run.get("set").get("s.key").asText()).isEqualTo("(secret reference)");
            assertThat(run.toString()).doesNotContain(secret).doesNotContain("MY_KEY");
            assertThat(events.toString()).doesNotContain(secret);
            assertThat(api.get("/api/runs").body() + api.get("/api/workflows").body()).doesNotContain(secret);
        }
    }
}

package dev.flowlens.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.http.ApiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flowlens serve}, in-process: it listens with the options given and stops cleanly. */
class ApiServeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void serveListensOnLoopbackWithTheGivenFoldersAndStops() throws Exception {
        CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), false,
                config -> FlowLens.open(config.withParallelism(2)));
        CommandLine cl = FlowLensCli.commandLine(context);
        ServeCommand serve = (ServeCommand) cl.getSubcommands().get("serve").getCommand();
        Path data = dir.resolve("data");
        Path workflows = dir.resolve("wf");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("serve", "--data", data.toString(),
                "--port", "0", "--workflows", workflows.toString(), "--max-running", "1"));

        ApiServer server = serve.started.get(60, TimeUnit.SECONDS);
        assertThat(server.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(server.tokenFile()).isEqualTo(data.toAbsolutePath().resolve("api-token"));
        assertThat(workflows).isDirectory();
        String token = Files.readString(server.tokenFile()).strip();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(new ObjectMapper().readTree(health.body()).get("maxRunning").asInt()).isEqualTo(1);
        HttpResponse<String> runs = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/runs"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(out.toString()).contains("FlowLens API listening on " + server.baseUri()).contains("api-token");

        serve.stopAndWait();

        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void badLimitsAreAUsageError() {
        CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), false, FlowLens::open);

        int code = FlowLensCli.execute(context, "serve", "--data", dir.toString(), "--port", "0", "--max-running", "0");

        assertThat(code).isEqualTo(FlowLensCli.EXIT_INVALID);
        assertThat(err.toString()).contains("maxRunningRuns must be at least 1, got 0");
    }
}

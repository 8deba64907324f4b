package dev.flowlens.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.flowlens.runtime.api.FlowLens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowlens alert add|list|test|remove} against a real webhook receiver on loopback. */
class AlertCliTest {
    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    private int flowlens(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return FlowLensCli.execute(new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), false,
                FlowLens::open), args);
    }

    @Test
    void addListTestAndRemoveAWebhookRule() throws Exception {
        BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/bot", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.start();
        try {
            String data = dir.resolve("data").toString();
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/bot";

            assertThat(flowlens("alert", "add", "--webhook", url, "--template", "feishu", "--data", data)).isZero();
            Matcher id = Pattern.compile("Added alert (alert-[0-9a-f]{8}): on failure, recovery of every schedule")
                    .matcher(out.toString());
            assertThat(id.find()).as(out.toString()).isTrue();

            assertThat(flowlens("alert", "test", id.group(1), "--data", data)).isZero();
            assertThat(out.toString()).contains("Test alert sent");
            assertThat(bodies.poll()).contains("\"msg_type\":\"text\"").contains("FlowLens test alert");

            assertThat(flowlens("alert", "list", "--data", data)).isZero();
            assertThat(out.toString()).contains(id.group(1) + "  on failure, recovery of every schedule -> webhook " + url
                    + " (feishu)").contains("test: sent (1 attempt(s))");

            assertThat(flowlens("alert", "add", "--email", "a@example.com", "--data", data)).isEqualTo(2);
            assertThat(err.toString()).contains("--email needs --smtp-host");
            assertThat(flowlens("alert", "add", "--webhook", url, "--schedule", "nope", "--data", data)).isEqualTo(2);
            assertThat(err.toString()).contains("--schedule nope: no such schedule");

            assertThat(flowlens("alert", "add", "--webhook", url, "--on", "none", "--flagged-above", "0", "--data", data))
                    .isZero();
            assertThat(out.toString()).contains(": on flagged items > 0 of every schedule -> webhook " + url);
            String flaggedRule = out.toString().replaceAll("(?s).*Added alert (alert-[0-9a-f]{8}).*", "$1");
            assertThat(flowlens("alert", "add", "--webhook", url, "--flagged-above", "-1", "--data", data)).isEqualTo(2);
            assertThat(err.toString()).contains("--flagged-above must be 0 or more, got -1");
            assertThat(flowlens("alert", "remove", flaggedRule, "--data", data)).isZero();

            assertThat(flowlens("alert", "remove", id.group(1), "--data", data)).isZero();
            assertThat(flowlens("alert", "list", "--data", data)).isZero();
            assertThat(out.toString()).startsWith("No alert rules.");
        } finally {
            http.stop(0);
        }
    }
}

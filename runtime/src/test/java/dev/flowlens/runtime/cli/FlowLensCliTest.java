package dev.flowlens.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.testnodes.Graph;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole command line, in-process: arguments in, exit code and console text out. */
class FlowLensCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int flowlens(String... args) {
        return flowlens(false, args);
    }

    private int flowlens(boolean terminal, String... args) {
        CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), terminal,
                config -> FlowLens.open(config.withParallelism(2).withDataFolder(dir.resolve("data"))));
        return FlowLensCli.execute(context, args);
    }

    private Path save(Workflow w) throws Exception {
        Path file = dir.resolve(w.name() + ".json");
        Files.writeString(file, WorkflowCodec.write(w));
        return file;
    }

    private static Workflow sum() {
        return Graph.named("sum")
                .node("a", "test.const", "value", 2)
                .node("add", "test.add", "offset", 1)
                .node("write", "test.write_text", "path", "sum.txt")
                .wire("a.value", "add.a").wire("add.sum", "write.value").build();
    }

    @Test
    void successfulRunExitsZeroAndSummarisesOutputs() throws Exception {
        Path file = save(sum());

        int code = flowlens("run", file.toString(), "--out", dir.resolve("out").toString(), "--set", "a.value=40");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("succeeded in").contains("Nodes: 3 succeeded")
                .contains("Output files:").contains(dir.resolve("out/sum.txt").toString());
        assertThat(Files.readString(dir.resolve("out/sum.txt"))).isEqualTo("41");
        assertThat(out.toString()).contains("add running").contains("write succeeded");
    }

    @Test
    void failedItemOrNodeExitsOneAndNamesTheFailure() throws Exception {
        Path file = save(Graph.named("items")
                .node("range", "test.range", "count", 4)
                .node("square", "test.square", "fail_on", 1)
                .node("bad", "test.fail")
                .wire("range.items", "square.value").build());

        int code = flowlens("run", file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("Items: 3 ok, 1 failed")
                .contains("Failed:")
                .contains("  square (item 2): value 1 is not allowed")
                .contains("  bad: the answer is not valid JSON");
    }

    @Test
    void invalidWorkflowExitsTwoAndListsIssuesWithNodeAndField() throws Exception {
        Path file = save(Graph.named("invalid").node("a", "test.const", "value", 5_000_000).node("b", "test.add").build());

        int code = flowlens("run", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("did not start")
                .contains("node a, field value: Constant (node a): Value must be between -1000000 and 1000000, got 5000000")
                .contains("node b, field a: Add (node b): input \"a\" (Integer) needs a wire [required_input_missing]");
    }

    @Test
    void unreadableWorkflowIsOneLineWithLineAndColumn() throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"nodes\": [\n    {\"id\": \"a\",, }\n  ]\n}\n");

        int code = flowlens("run", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("broken.json line 3, column").doesNotContain("\n");
        assertThat(flowlens("validate", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.json: no such file");
    }

    @Test
    void wrongUsageExitsTwo() throws Exception {
        Path file = save(sum());

        assertThat(flowlens("run", file.toString(), "--set", "nodot")).isEqualTo(2);
        assertThat(err.toString()).contains("--set: expected node.param=value, got \"nodot\"");
        assertThat(flowlens("run", file.toString(), "--events", "xml")).isEqualTo(2);
        assertThat(flowlens("frobnicate")).isEqualTo(2);
    }

    @Test
    void eventsJsonlWritesOneObjectPerEventWithAStableShape() throws Exception {
        Path file = save(sum());

        int code = flowlens("run", file.toString(), "--events", "jsonl", "--out", dir.resolve("out").toString());

        assertThat(code).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            events.add(JSON.readTree(line));
        }
        for (JsonNode e : events) {
            assertThat(e.fieldNames()).toIterable()
                    .contains("type", "runId", "at", "node", "state", "done", "total", "message");
        }
        assertThat(events.get(0).get("type").asText()).isEqualTo("run_started");
        assertThat(events.get(0).get("nodes")).hasSize(3);
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("run_finished");
        assertThat(last.get("status").asText()).isEqualTo("succeeded");
        assertThat(last.get("outputFiles").get(0).asText()).isEqualTo(dir.resolve("out/sum.txt").toString());
        JsonNode addFinished = events.stream()
                .filter(e -> e.get("type").asText().equals("node_finished") && e.get("node").asText().equals("add"))
                .findFirst().orElseThrow();
        assertThat(addFinished.get("state").asText()).isEqualTo("succeeded");
        assertThat(addFinished.get("outputs").get("sum").asText()).isEqualTo("3");
        assertThat(err.toString()).contains("succeeded in");
    }

    @Test
    void validateReportsValidAndInvalidWorkflows() throws Exception {
        Path good = save(sum());
        Path bad = save(Graph.named("bad").node("a", "test.nope").build());

        assertThat(flowlens("validate", good.toString())).isZero();
        assertThat(out.toString()).contains("Workflow \"sum\" is valid: 3 nodes, 2 wires");
        assertThat(flowlens("validate", bad.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("node a, field -: test.nope (node a): unknown node type \"test.nope\"");
    }

    @Test
    void nodesListsTheCatalogueAsTextAndJson() throws Exception {
        assertThat(flowlens("nodes")).isZero();
        assertThat(out.toString()).contains("test.add").contains("Add  (a: integer, b: integer -> sum: integer)");

        out.getBuffer().setLength(0);
        assertThat(flowlens("nodes", "--json")).isZero();
        JsonNode add = null;
        for (JsonNode n : JSON.readTree(out.toString())) {
            if (n.get("type").asText().equals("test.add")) {
                add = n;
            }
        }
        assertThat(add).isNotNull();
        assertThat(add.get("params").get(0).get("name").asText()).isEqualTo("offset");
        assertThat(add.get("params").get(0).get("min").asLong()).isEqualTo(-1_000_000);
        assertThat(add.get("inputs").get(1).get("required").asBoolean()).isFalse();
    }

    @Test
    void onATerminalEachNodeHasOneLineRedrawnInPlace() throws Exception {
        Path file = save(sum());

        int code = flowlens(true, "run", file.toString(), "--out", dir.resolve("out").toString());

        String text = out.toString();
        assertThat(code).isZero();
        assertThat(text).contains("\u001b[3A").contains("\u001b[2K");
        String lastBlock = text.substring(text.lastIndexOf("\u001b[3A"));
        assertThat(lastBlock).containsPattern("✔ a +succeeded +1/1  \\d+\\.\\ds")
                .containsPattern("✔ add +succeeded")
                .containsPattern("✔ write +succeeded");
        assertThat(text).contains("succeeded in");
    }
}

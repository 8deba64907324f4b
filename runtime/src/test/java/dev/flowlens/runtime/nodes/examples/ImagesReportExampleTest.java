package dev.flowlens.runtime.nodes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.type.PortType;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.core.validation.WorkflowValidator;
import dev.flowlens.runtime.io.CsvTables;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.nodes.TestContext;
import dev.flowlens.runtime.nodes.Values;
import dev.flowlens.runtime.value.ItemError;
import dev.flowlens.runtime.value.Table;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/images-report: the workflow file is valid against this library, and running its nodes in order
 * on the sample images gives the report and evaluation a user would expect. The nodes are chained here with
 * a few lines that fan lists out the way the executor does; the executor itself is tested elsewhere.
 */
class ImagesReportExampleTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "images-report");

    @TempDir
    Path out;

    private static Map<String, NodeType> library() {
        Map<String, NodeType> types = new HashMap<>();
        ServiceLoader.load(NodeProvider.class).forEach(p -> p.nodeTypes().forEach(t -> types.put(t.spec().typeId(), t)));
        return types;
    }

    @Test
    void workflowIsValidAgainstTheNodeCatalog() throws Exception {
        Workflow workflow = WorkflowCodec.read(EXAMPLE.resolve("workflow.json"));
        NodeCatalog catalog = NodeCatalog.of(library().values().stream().map(NodeType::spec).toList());

        List<ValidationIssue> issues = WorkflowValidator.validate(workflow, catalog);

        assertThat(issues).isEmpty();
    }

    @Test
    void runningTheChainGivesTheReportAndTheEvaluation() throws Exception {
        Workflow workflow = WorkflowCodec.read(EXAMPLE.resolve("workflow.json"));
        TestContext context = TestContext.of(EXAMPLE, out);
        Map<PortRef, Object> values = run(workflow, library(), context);

        Table report = CsvTables.read(out.resolve("report.csv"));
        assertThat(report.columns()).containsExactly("item", "format", "width", "height", "bytes", "orientation",
                "mode", "colorfulness", "mean_color", "error");
        assertThat(report.rows()).extracting(r -> r.get("item") + " " + r.get("width") + "x" + r.get("height") + " "
                + r.get("orientation") + " " + r.get("mode")).containsExactly(
                "astronaut.png 512x512 square color",
                "camera.png 512x512 square grayscale",
                "chelsea.png 451x300 landscape color",
                "coffee.png 600x400 landscape color",
                "color.png 371x370 square color",
                "page.png 384x191 landscape grayscale",
                "rocket.jpg 640x427 landscape color",
                "text.png 448x172 landscape grayscale",
                "truncated.jpg x  ");
        assertThat(report.rows().get(8).get("error")).isEqualTo("truncated.jpg: the JPEG data ends early (truncated file)");

        try (Stream<Path> thumbs = Files.list(out.resolve("thumbnails"))) {
            assertThat(thumbs.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "astronaut.png", "camera.png", "chelsea.png", "coffee.png", "color.png", "page.png", "rocket.png",
                    "text.png");
        }

        JsonNode metrics = Values.MAPPER.readTree(out.resolve("evaluation.json").toFile());
        assertThat(metrics.get("items_compared").asInt()).isEqualTo(8);
        assertThat(metrics.get("exact_match_accuracy").asDouble()).isEqualTo(1.0);
        assertThat(metrics.get("fields").get("mode").get("confusion").toString())
                .isEqualTo("{\"color\":{\"color\":5},\"grayscale\":{\"grayscale\":3}}");
        assertThat(metrics.get("extra_predictions").toString()).isEqualTo("[\"truncated.jpg\"]");
        assertThat(metrics.get("missing_predictions").toString()).isEqualTo("[]");
        assertThat(out.resolve("evaluation.csv")).exists();
        assertThat(context.outputFiles()).contains(out.resolve("report.csv"), out.resolve("evaluation.csv"),
                out.resolve("evaluation.json"), out.resolve("thumbnails/rocket.png"));
        assertThat(values).isNotEmpty();
    }

    /** Runs the nodes in file order (the example lists them in wire order), fanning lists out per element. */
    private static Map<PortRef, Object> run(Workflow workflow, Map<String, NodeType> types, TestContext context)
            throws Exception {
        Map<PortRef, Object> values = new LinkedHashMap<>();
        for (NodeInstance node : workflow.nodes()) {
            NodeType type = types.get(node.type());
            Params params = new Params(type.spec(), node.params());
            Map<String, Object> inputs = new LinkedHashMap<>();
            String fanned = null;
            for (Edge e : workflow.edgesInto(node.id())) {
                Object v = values.get(e.from());
                inputs.put(e.to().port(), v);
                InputSpec in = type.spec().input(e.to().port()).orElseThrow();
                if (v instanceof List<?> && !(in.type() instanceof PortType.ListOf) && !(in.type() instanceof PortType.Any)) {
                    fanned = e.to().port();
                }
            }
            Map<String, Object> outputs;
            if (fanned == null) {
                outputs = type.execute(new NodeInput(inputs, params), context);
            } else {
                outputs = fanOut(type, node, inputs, params, context);
            }
            outputs.forEach((port, v) -> values.put(new PortRef(node.id(), port), v));
        }
        return values;
    }

    private static Map<String, Object> fanOut(NodeType type, NodeInstance node, Map<String, Object> inputs,
                                              Params params, TestContext context) throws Exception {
        int n = inputs.values().stream().filter(v -> v instanceof List<?>).mapToInt(v -> ((List<?>) v).size())
                .findFirst().orElse(0);
        Map<String, List<Object>> lists = new LinkedHashMap<>();
        type.spec().outputs().forEach(o -> lists.put(o.name(), new ArrayList<>()));
        for (int i = 0; i < n; i++) {
            Map<String, Object> one = new LinkedHashMap<>();
            ItemError carried = null;
            for (Map.Entry<String, Object> e : inputs.entrySet()) {
                Object v = e.getValue() instanceof List<?> l ? l.get(i) : e.getValue();
                if (v instanceof ItemError err) {
                    carried = err;
                }
                one.put(e.getKey(), v);
            }
            if (carried == null) {
                try {
                    Map<String, Object> r = type.execute(new NodeInput(one, params), context);
                    r.forEach((k, v) -> lists.get(k).add(v));
                    continue;
                } catch (NodeFailure f) {
                    carried = new ItemError(Values.itemName(one.values().iterator().next()), node.id().value(),
                            f.getMessage());
                }
            }
            for (List<Object> l : lists.values()) {
                l.add(carried);
            }
        }
        return new LinkedHashMap<>(lists);
    }
}

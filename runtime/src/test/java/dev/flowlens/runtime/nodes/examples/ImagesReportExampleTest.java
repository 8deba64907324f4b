package dev.flowlens.runtime.nodes.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.core.validation.WorkflowValidator;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunStatus;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.io.CsvTables;
import dev.flowlens.runtime.io.ImageFiles;
import dev.flowlens.runtime.io.ImageLimits;
import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.nodes.Values;
import dev.flowlens.runtime.value.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/images-report: the workflow file is valid against this library, and a run through the real
 * runtime on the sample images gives the report, thumbnails and evaluation a user would expect.
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
    void runningItGivesTheReportThumbnailsAndEvaluation() throws Exception {
        Workflow workflow = WorkflowCodec.read(EXAMPLE.resolve("workflow.json"));
        RunSummary summary;
        try (FlowLens flowlens = FlowLens.open(RuntimeConfig.defaults().withDataFolder(out.resolve("data"))
                .withParallelism(2))) {
            summary = flowlens.run(RunRequest.of(workflow).withWorkflowFile(EXAMPLE.resolve("workflow.json"))
                    .withOutputFolder(out.resolve("run")), RunListener.NONE);
        }
        Path run = out.resolve("run");

        // One bad image fails its own row, so the run as a whole reports a failure but finishes every branch.
        assertThat(summary.status()).isEqualTo(RunStatus.FAILED);
        assertThat(summary.itemsFailed()).isEqualTo(1);
        assertThat(summary.results().values()).noneMatch(r -> r instanceof NodeResult.Failed);

        Table report = CsvTables.read(run.resolve("report.csv"));
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

        try (Stream<Path> thumbs = Files.list(run.resolve("thumbnails"))) {
            assertThat(thumbs.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "astronaut.png", "camera.png", "chelsea.png", "coffee.png", "color.png", "page.png", "rocket.png",
                    "text.png");
        }
        assertThat(ImageFiles.read(run.resolve("thumbnails/coffee.png"), ImageLimits.DEFAULT).width()).isEqualTo(256);

        JsonNode metrics = Values.MAPPER.readTree(run.resolve("evaluation.json").toFile());
        assertThat(metrics.get("items_compared").asInt()).isEqualTo(8);
        assertThat(metrics.get("exact_match_accuracy").asDouble()).isEqualTo(1.0);
        assertThat(metrics.get("fields").get("mode").get("confusion").toString())
                .isEqualTo("{\"color\":{\"color\":5},\"grayscale\":{\"grayscale\":3}}");
        assertThat(metrics.get("fields").get("orientation").get("confusion").toString())
                .isEqualTo("{\"landscape\":{\"landscape\":5},\"square\":{\"square\":3}}");
        assertThat(metrics.get("extra_predictions").toString()).isEqualTo("[\"truncated.jpg\"]");
        assertThat(metrics.get("missing_predictions").toString()).isEqualTo("[]");
        assertThat(summary.outputFiles()).contains(run.resolve("report.csv"), run.resolve("evaluation.csv"),
                run.resolve("evaluation.json"), run.resolve("thumbnails/rocket.png"));
    }
}

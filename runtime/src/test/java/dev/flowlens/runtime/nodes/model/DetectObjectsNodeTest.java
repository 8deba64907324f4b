package dev.flowlens.runtime.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunStatus;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.nodes.image.CropDetectionsNode;
import dev.flowlens.runtime.nodes.image.RedactNode;
import dev.flowlens.runtime.value.Detection;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.detect} with the project's hand-weighted square detector (see src/test/python/make_models.py) as
 * TorchScript in YOLO and SSD layout and as ONNX, on sample photos turned grey with coloured squares painted on.
 */
class DetectObjectsNodeTest {
    private static final DetectObjectsNode NODE = new DetectObjectsNode();
    private static final Rectangle RED = new Rectangle(60, 50, 150, 120);
    private static final Rectangle GREEN = new Rectangle(330, 220, 200, 140);
    private static final Rectangle BLUE = new Rectangle(420, 40, 110, 110);

    @TempDir
    static Path work;
    @TempDir
    Path out;

    @BeforeAll
    static void installModels() throws Exception {
        TestModels.install("squares-yolo", "squares-yolo.pt", "detection", Engines.PYTORCH, 128, "yolo", true, work);
        TestModels.install("squares-yolov5", "squares-yolov5.pt", "detection", Engines.PYTORCH, 128, "yolov5", true,
                work);
        TestModels.install("squares-ssd", "squares-ssd.pt", "detection", Engines.PYTORCH, 128, "ssd", true, work);
        TestModels.install("squares-onnx", "squares-yolo.onnx", "detection", Engines.ONNX_RUNTIME, 128, "yolo", true,
                work);
        TestModels.install("squares-unlabelled", "squares-yolo.pt", "detection", Engines.PYTORCH, 128, null, false,
                work);
    }

    /** coffee.png (600x400) in grey, so nothing in it is a saturated colour, plus the squares asked for. */
    static BufferedImage photoWith(Map<Color, Rectangle> squares) throws Exception {
        BufferedImage src = TestImages.sample("coffee.png");
        BufferedImage img = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                int p = src.getRGB(x, y);
                int grey = (((p >> 16) & 0xff) * 30 + ((p >> 8) & 0xff) * 59 + (p & 0xff) * 11) / 100;
                img.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        Graphics2D g = img.createGraphics();
        squares.forEach((c, r) -> {
            g.setColor(c);
            g.fill(r);
        });
        g.dispose();
        return img;
    }

    private static BufferedImage threeSquares() throws Exception {
        return photoWith(Map.of(Color.RED, RED, Color.GREEN, GREEN, Color.BLUE, BLUE));
    }

    private Map<String, Object> detect(String model, BufferedImage img, Map<String, ParamValue> extra) throws Exception {
        Map<String, ParamValue> params = new HashMap<>(Map.of("model", new ParamValue.Text(model)));
        params.putAll(extra);
        return NODE.execute(new NodeInput(Map.of("image", ImageValue.of(img, "squares.png")),
                new Params(NODE.spec(), params)), new RecordingContext("det", "Detect objects", out));
    }

    private static Detection only(Detections d, String label) {
        List<Detection> found = d.items().stream().filter(x -> x.label().equals(label)).toList();
        assertThat(found).as(label).hasSize(1);
        return found.get(0);
    }

    /** Within one letterbox pixel (600/128 = 4.7 image pixels) on every side. */
    private static void assertBox(Detection d, Rectangle r) {
        assertThat(d.x()).as(d.label() + " x").isCloseTo(r.x, org.assertj.core.data.Offset.offset(6.0));
        assertThat(d.y()).as(d.label() + " y").isCloseTo(r.y, org.assertj.core.data.Offset.offset(6.0));
        assertThat(d.x() + d.width()).as(d.label() + " right").isCloseTo(r.x + r.width,
                org.assertj.core.data.Offset.offset(6.0));
        assertThat(d.y() + d.height()).as(d.label() + " bottom").isCloseTo(r.y + r.height,
                org.assertj.core.data.Offset.offset(6.0));
    }

    private void findsTheThreeSquares(String model, String engine) throws Exception {
        Map<String, Object> r = detect(model, threeSquares(), Map.of());
        Detections d = (Detections) r.get("detections");
        assertThat(d.items()).hasSize(3);
        assertThat(d.imageWidth()).isEqualTo(600);
        assertBox(only(d, "red"), RED);
        assertBox(only(d, "green"), GREEN);
        assertBox(only(d, "blue"), BLUE);
        assertThat(d.items()).allSatisfy(x -> assertThat(x.score()).isGreaterThan(0.9));
        assertThat(r.get("count")).isEqualTo(3L);
        assertThat(r.get("device")).asString().startsWith("cpu (" + engine);
        JsonNode objects = (JsonNode) r.get("objects");
        assertThat(objects.size()).isEqualTo(3);
        assertThat(objects.get(0).path("box").path("width").asDouble()).isPositive();
    }

    @Test
    void aTorchScriptYoloDetectorFindsTheSquaresWhereTheyWerePainted() throws Exception {
        findsTheThreeSquares("squares-yolo", "PyTorch 2.7.1");
    }

    @Test
    void aYolov5LayoutWithObjectnessAndBoxesAsRowsFindsTheSameSquares() throws Exception {
        findsTheThreeSquares("squares-yolov5", "PyTorch 2.7.1");
    }

    @Test
    void aTorchScriptSsdDetectorFindsTheSameSquares() throws Exception {
        findsTheThreeSquares("squares-ssd", "PyTorch 2.7.1");
    }

    @Test
    void anOnnxYoloDetectorFindsTheSameSquares() throws Exception {
        findsTheThreeSquares("squares-onnx", "OnnxRuntime");
    }

    @Test
    void findsNothingOnThePhotoAlone() throws Exception {
        Map<String, Object> r = detect("squares-yolo", photoWith(Map.of()), Map.of());
        assertThat(((Detections) r.get("detections")).items()).isEmpty();
        assertThat(r.get("count")).isEqualTo(0L);
    }

    @Test
    void twoSquaresOfOneColourStayTwoAfterSuppression() throws Exception {
        Rectangle second = new Rectangle(300, 60, 90, 90);
        Map<String, Object> r = detect("squares-yolo", photoWith(Map.of(Color.RED, RED, new Color(255, 0, 1), second)),
                Map.of());
        List<Detection> red = ((Detections) r.get("detections")).items();
        assertThat(red).extracting(Detection::label).containsExactly("red", "red");
    }

    @Test
    void theClassFilterAndMaxDetectionsKeepWhatWasAskedFor() throws Exception {
        Detections green = (Detections) detect("squares-yolo", threeSquares(),
                Map.of("classes", new ParamValue.Text(" green ,blue"))).get("detections");
        assertThat(green.items()).extracting(Detection::label).containsExactlyInAnyOrder("green", "blue");
        Detections one = (Detections) detect("squares-ssd", threeSquares(),
                Map.of("max_detections", new ParamValue.Int(1))).get("detections");
        assertThat(one.items()).hasSize(1);
    }

    @Test
    void aModelWithoutLabelsNamesClassesByNumberWithTheFormatSetOnTheNode() throws Exception {
        Map<String, Object> r = detect("squares-unlabelled", threeSquares(),
                Map.of("format", new ParamValue.Text("yolo")));
        assertThat(((Detections) r.get("detections")).items()).extracting(Detection::label)
                .containsExactlyInAnyOrder("class 0", "class 1", "class 2");
    }

    @Test
    void badSettingsAreClearMessages() {
        assertThatThrownBy(() -> detect("squares-yolo", threeSquares(), Map.of("classes", new ParamValue.Text("purple"))))
                .isInstanceOf(NodeFailure.class)
                .hasMessage("Detect objects (node det): classes: \"purple\" is not a label of model \"squares-yolo\";"
                        + " its labels are red, green, blue");
        assertThatThrownBy(() -> detect("squares-unlabelled", threeSquares(), Map.of()))
                .isInstanceOf(NodeFailure.class)
                .hasMessage("Detect objects (node det): model \"squares-unlabelled\" declares no outputFormat in its"
                        + " manifest; set the node's format to yolo, yolov5 or ssd");
        assertThatThrownBy(() -> detect("squares-yolo", threeSquares(), Map.of("format", new ParamValue.Text("ssd"))))
                .isInstanceOf(NodeFailure.class)
                .hasMessageStartingWith("Detect objects (node det): detector squares-yolo/model (format ssd): gave 1"
                        + " outputs [(1, 7, 1024)]; the ssd format needs boxes, labels and scores");
        assertThatThrownBy(() -> detect("squares-yolo", threeSquares(), Map.of("format", new ParamValue.Text("yolov5"))))
                .isInstanceOf(NodeFailure.class)
                .hasMessageContaining("has no side of 8 (5 box values + 3 labels)");
        assertThatThrownBy(() -> detect("pp-ocrv4", threeSquares(), Map.of()))
                .isInstanceOf(NodeFailure.class)
                .hasMessage("Detect objects (node det): model \"pp-ocrv4\" is made for the task ocr; this node needs a"
                        + " detection model");
    }

    @Test
    void runsInAWorkflowFromAFileToBoxesDrawnOnThePhoto() throws Exception {
        Path png = out.resolve("squares.png");
        javax.imageio.ImageIO.write(threeSquares(), "png", png.toFile());
        Workflow w = Workflow.empty("detect squares")
                .withNode(NodeInstance.of("load", "input.load_image").withParam("path", ParamValue.of(png.toString())))
                .withNode(NodeInstance.of("det", "model.detect").withParam("model", ParamValue.of("squares-yolo")))
                .withNode(NodeInstance.of("draw", "image.draw_detections"))
                .withEdge(Edge.of("load.image", "det.image"))
                .withEdge(Edge.of("load.image", "draw.image"))
                .withEdge(Edge.of("det.detections", "draw.detections"));
        try (FlowLens flowLens = FlowLens.open(RuntimeConfig.defaults().withDataFolder(Engines.dataFolder()))) {
            RunSummary s = flowLens.run(RunRequest.of(w).withOutputFolder(out.resolve("run")), RunListener.NONE);
            assertThat(s.status()).as(s.results().toString()).isEqualTo(RunStatus.SUCCEEDED);
            Map<String, Object> det = ((NodeResult.Succeeded) s.results().get(NodeId.of("det"))).outputs();
            assertThat(det.get("count")).isEqualTo(3L);
            BufferedImage drawn = ((ImageValue) ((NodeResult.Succeeded) s.results().get(NodeId.of("draw"))).outputs()
                    .get("image")).image();
            // The box is drawn along the square's edges: pixels there changed, the square's middle did not.
            BufferedImage before = threeSquares();
            int changedOnEdge = 0;
            for (int x = GREEN.x; x < GREEN.x + GREEN.width; x++) {
                for (int y = GREEN.y - 4; y <= GREEN.y + 4; y++) {
                    changedOnEdge += drawn.getRGB(x, y) != before.getRGB(x, y) ? 1 : 0;
                }
            }
            assertThat(changedOnEdge).isGreaterThan(GREEN.width);
            assertThat(drawn.getRGB(GREEN.x + 100, GREEN.y + 70)).isEqualTo(before.getRGB(GREEN.x + 100, GREEN.y + 70));
        }
    }

    @Test
    void itsDetectionsFeedTheRedactAndCropHelpers() throws Exception {
        BufferedImage img = threeSquares();
        Detections d = (Detections) detect("squares-yolo", img, Map.of()).get("detections");
        ImageValue image = ImageValue.of(img, "squares.png");
        RedactNode redact = new RedactNode();
        Map<String, Object> r = redact.execute(new NodeInput(Map.of("image", image, "detections", d),
                new Params(redact.spec(), Map.of("mode", new ParamValue.Text("fill")))),
                new RecordingContext("red", "Redact", out));
        BufferedImage filled = ((ImageValue) r.get("image")).image();
        assertThat(r.get("redacted")).isEqualTo(3L);
        assertThat(filled.getRGB(RED.x + 70, RED.y + 60) & 0xffffff).isZero();
        assertThat(filled.getRGB(GREEN.x + 100, GREEN.y + 70) & 0xffffff).isZero();
        CropDetectionsNode crop = new CropDetectionsNode();
        @SuppressWarnings("unchecked")
        List<ImageValue> crops = (List<ImageValue>) crop.execute(new NodeInput(Map.of("image", image, "detections", d),
                new Params(crop.spec(), Map.of("padding", new ParamValue.Num(0)))),
                new RecordingContext("crop", "Crop", out)).get("images");
        assertThat(crops).hasSize(3);
        ImageValue blue = crops.stream().filter(c -> Math.abs(c.width() - BLUE.width) < 8).findFirst().orElseThrow();
        assertThat(blue.image().getRGB(blue.width() / 2, blue.height() / 2) & 0xffffff).isEqualTo(0x0000ff);
    }
}

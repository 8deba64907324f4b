package dev.flowlens.runtime.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcrNodeTest {
    private static final OcrNode NODE = new OcrNode();

    @TempDir
    Path out;

    private Map<String, Object> read(BufferedImage image, String name, Map<String, ParamValue> params)
            throws Exception {
        RecordingContext ctx = new RecordingContext("ocr1", "OCR", out);
        Map<String, Object> result = NODE.execute(new NodeInput(Map.of("image", ImageValue.of(image, name)),
                new Params(NODE.spec(), params)), ctx);
        assertThat(ctx.logs).anyMatch(l -> l.contains("on cpu (OnnxRuntime"));
        return result;
    }

    private Map<String, Object> read(BufferedImage image, String name) throws Exception {
        return read(image, name, Map.of());
    }

    @Test
    void readsTheScannedPage() throws Exception {
        Map<String, Object> r = read(TestImages.sample("page.png"), "page.png");
        String text = (String) r.get("text");
        assertThat(text.lines().toList()).hasSizeGreaterThanOrEqualTo(7);
        assertThat(text.lines().findFirst()).hasValue("Region-based segmentation");
        assertThat(text).contains("Let us first determine markers of the coins and the");
        assertThat(text).contains("histogram of grey values:");
        assertThat(r.get("device")).asString().startsWith("cpu (OnnxRuntime");
        JsonNode lines = (JsonNode) r.get("lines");
        assertThat(lines.size()).isGreaterThanOrEqualTo(5);
        JsonNode first = lines.get(0);
        assertThat(first.get("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(first.get("box").get("y").asInt()).isLessThan(40);
        Detections d = (Detections) r.get("detections");
        assertThat(d.items()).hasSize(lines.size());
        assertThat(d.imageWidth()).isEqualTo(384);
    }

    @Test
    void findsNoPrintedTextInTheHandwrittenFormulaImage() throws Exception {
        // text.png is handwritten maths on a slanted sheet (Wikipedia's corner-detection sample). PP-OCRv4 is
        // trained on print: it reads no line there with confidence 0.5 or more, and must not invent any.
        Map<String, Object> r = read(TestImages.sample("text.png"), "text.png");
        assertThat(r.get("text")).isEqualTo("");
        assertThat(r.get("device")).asString().startsWith("cpu (OnnxRuntime");
    }

    @Test
    void readsARenderedEnglishLineAlsoUpsideDown() throws Exception {
        BufferedImage line = TestImages.render("Invoice 2026-11-22", "DejaVu Sans", 32);
        assertThat(read(line, "invoice.png").get("text")).isEqualTo("Invoice 2026-11-22");
        Map<String, Object> flipped = read(TestImages.rotate180(line), "invoice-180.png");
        assertThat(flipped.get("text")).isEqualTo("Invoice 2026-11-22");
        assertThat(((JsonNode) flipped.get("lines")).get(0).get("upside_down").asBoolean()).isTrue();
    }

    @Test
    void readsARenderedChineseLineAlsoUpsideDown() throws Exception {
        Optional<String> font = TestImages.cjkFont();
        assumeTrue(font.isPresent(), "no CJK font installed (Debian: apt-get install fonts-noto-cjk);"
                + " the Chinese OCR check is skipped");
        BufferedImage line = TestImages.render("错误代码404", font.get(), 32);
        assertThat(read(line, "error.png").get("text")).isEqualTo("错误代码404");
        assertThat(read(TestImages.rotate180(line), "error-180.png").get("text")).isEqualTo("错误代码404");
    }

    @Test
    void aBlankImageHasNoText() throws Exception {
        BufferedImage blank = new BufferedImage(200, 100, BufferedImage.TYPE_BYTE_GRAY);
        Map<String, Object> r = read(blank, "blank.png");
        assertThat(r.get("text")).isEqualTo("");
        assertThat((JsonNode) r.get("lines")).isEmpty();
    }

    @Test
    void aModelForAnotherEngineOrABrokenFileIsAMessageAndTheNextRunStillWorks() throws Exception {
        dev.flowlens.runtime.models.ModelStore store = dev.flowlens.runtime.models.ModelStore.in(
                dev.flowlens.runtime.inference.Engines.dataFolder());
        Path weights = out.resolve("ocr.pt");
        java.nio.file.Files.writeString(weights, "not a model");
        store.installFile(weights, "ocr-on-pytorch", "ocr", "PyTorch", null, "");
        assertThatThrownBy(() -> read(TestImages.render("x", "DejaVu Sans", 20), "x.png",
                Map.of("model", new ParamValue.Text("ocr-on-pytorch"))))
                .isInstanceOf(NodeFailure.class)
                .hasMessage("OCR (node ocr1): model \"ocr-on-pytorch\" is for the PyTorch engine; this node runs"
                        + " OnnxRuntime models");
        store.remove("ocr-on-pytorch");

        // A PP-OCR set whose detector is garbage: the load fails with a message, nothing stays cached.
        dev.flowlens.runtime.models.InstalledModel good = store.requireBundled("pp-ocrv4");
        Path broken = out.resolve("broken");
        java.nio.file.Files.createDirectories(broken);
        for (String f : List.of("cls.onnx", "rec.onnx", "ppocr_keys_v1.txt", "manifest.json")) {
            java.nio.file.Files.copy(good.folder().resolve(f), broken.resolve(f));
        }
        java.nio.file.Files.writeString(broken.resolve("det.onnx"), "garbage");
        String manifest = java.nio.file.Files.readString(broken.resolve("manifest.json"))
                .replace("d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9",
                        dev.flowlens.runtime.models.ModelStore.sha256(broken.resolve("det.onnx")));
        java.nio.file.Files.writeString(broken.resolve("manifest.json"), manifest);
        store.installFolder(broken, "broken-ocr");
        assertThatThrownBy(() -> read(TestImages.render("x", "DejaVu Sans", 20), "x.png",
                Map.of("model", new ParamValue.Text("broken-ocr"))))
                .isInstanceOf(NodeFailure.class)
                .hasMessageStartingWith("OCR (node ocr1): could not load model broken-ocr/det from ");
        assertThat(dev.flowlens.runtime.inference.ModelCache.shared().loadedKeys())
                .noneMatch(k -> k.modelId().startsWith("broken-ocr/"));
        store.remove("broken-ocr");
        assertThat(read(TestImages.render("Invoice 2026-11-22", "DejaVu Sans", 32), "ok.png").get("text"))
                .isEqualTo("Invoice 2026-11-22");
    }

    @Test
    void aMissingModelIsAMessageNotACrash() {
        assertThatThrownBy(() -> read(TestImages.render("x", "DejaVu Sans", 20), "x.png",
                Map.of("model", new ParamValue.Text("no-such-model"))))
                .isInstanceOf(NodeFailure.class)
                .hasMessageContaining("OCR (node ocr1)")
                .hasMessageContaining("model \"no-such-model\" is not installed");
    }
}

package dev.flowlens.runtime.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.model.ParamValue;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.nodes.image.CropDetectionsNode;
import dev.flowlens.runtime.nodes.image.DrawDetectionsNode;
import dev.flowlens.runtime.nodes.image.RedactNode;
import dev.flowlens.runtime.value.Detection;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionHelperNodesTest {
    @TempDir
    Path out;

    /** A 100x80 checkerboard of 2-pixel squares: any blur or pixelation flattens it. */
    private static ImageValue checker() {
        BufferedImage img = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 100; x++) {
                img.setRGB(x, y, ((x / 2 + y / 2) % 2 == 0) ? 0xffffff : 0x000000);
            }
        }
        return ImageValue.of(img, "checker.png");
    }

    private static final Detections TWO = new Detections(List.of(
            new Detection("face", 0.9, 10, 10, 20, 20), new Detection("Coffee cup", 0.8, 60, 40, 30, 30)), 100, 80);

    private Map<String, Object> run(NodeType node, ImageValue image, Detections d, Map<String, ParamValue> params)
            throws Exception {
        return node.execute(new NodeInput(Map.of("image", image, "detections", d), new Params(node.spec(), params)),
                new RecordingContext("n1", node.spec().displayName(), out));
    }

    private static double contrast(BufferedImage img, int x0, int y0, int w, int h) {
        double sum = 0;
        for (int y = y0; y < y0 + h - 1; y++) {
            for (int x = x0; x < x0 + w - 1; x++) {
                sum += Math.abs((img.getRGB(x, y) & 0xff) - (img.getRGB(x + 1, y) & 0xff));
            }
        }
        return sum / ((w - 1) * (h - 1));
    }

    @Test
    void redactBlursOnlyInsideTheBoxesAndLeavesTheInputAlone() throws Exception {
        ImageValue in = checker();
        Map<String, Object> r = run(new RedactNode(), in, TWO, Map.of("padding", new ParamValue.Num(0)));
        BufferedImage img = ((ImageValue) r.get("image")).image();
        assertThat(r.get("redacted")).isEqualTo(2L);
        assertThat(contrast(img, 12, 12, 16, 16)).isLessThan(10);
        assertThat(contrast(img, 40, 5, 15, 15)).isEqualTo(contrast(in.image(), 40, 5, 15, 15)).isGreaterThan(100);
        assertThat(contrast(in.image(), 12, 12, 16, 16)).isGreaterThan(100);
        assertThat(((ImageValue) r.get("image")).name()).isEqualTo("checker.png");
    }

    @Test
    void redactCanPixelateOrFill() throws Exception {
        BufferedImage pix = ((ImageValue) run(new RedactNode(), checker(), TWO,
                Map.of("mode", new ParamValue.Text("pixelate"), "padding", new ParamValue.Num(0))).get("image")).image();
        assertThat(contrast(pix, 62, 42, 4, 4)).isLessThan(contrast(checker().image(), 62, 42, 4, 4));
        BufferedImage fill = ((ImageValue) run(new RedactNode(), checker(), TWO,
                Map.of("mode", new ParamValue.Text("fill"))).get("image")).image();
        assertThat(fill.getRGB(20, 20) & 0xffffff).isZero();
        assertThat(fill.getRGB(21, 20) & 0xffffff).isZero();
    }

    @Test
    void cropsOneImagePerDetectionNamedAfterItsLabel() throws Exception {
        List<?> crops = (List<?>) run(new CropDetectionsNode(), checker(), TWO,
                Map.of("padding", new ParamValue.Num(10))).get("images");
        assertThat(crops).hasSize(2);
        ImageValue first = (ImageValue) crops.get(0);
        assertThat(first.name()).isEqualTo("checker.png#1-face");
        assertThat(first.width()).isEqualTo(24);
        ImageValue second = (ImageValue) crops.get(1);
        assertThat(second.name()).isEqualTo("checker.png#2-coffee_cup");
        assertThat(second.width()).isEqualTo(36);
        assertThat(second.height()).isEqualTo(36);
        Detections atEdge = new Detections(List.of(new Detection("x", 1, 80, 70, 40, 40)), 100, 80);
        ImageValue clipped = (ImageValue) ((List<?>) run(new CropDetectionsNode(), checker(), atEdge, Map.of())
                .get("images")).get(0);
        assertThat(clipped.width()).isEqualTo(20);
        assertThat(clipped.height()).isEqualTo(10);
    }

    @Test
    void drawsTheBoxInTheChosenColour() throws Exception {
        BufferedImage white = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 100; x++) {
                white.setRGB(x, y, 0xffffff);
            }
        }
        BufferedImage drawn = ((ImageValue) run(new DrawDetectionsNode(), ImageValue.of(white, "w.png"), TWO,
                Map.of("color", new ParamValue.Text("#00ff00"), "labels", new ParamValue.Bool(false)))
                .get("image")).image();
        assertThat(drawn.getRGB(60, 55) & 0xffffff).isEqualTo(0x00ff00);
        assertThat(drawn.getRGB(75, 55) & 0xffffff).isEqualTo(0xffffff);
        assertThat(white.getRGB(60, 55) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void refusesDetectionsFromAnImageOfAnotherSize() {
        Detections other = new Detections(List.of(), 640, 480);
        assertThatThrownBy(() -> run(new RedactNode(), checker(), other, Map.of()))
                .isInstanceOf(NodeFailure.class)
                .hasMessage("Redact regions (node n1): the detections were found in a 640x480 image, but image"
                        + " checker.png is 100x80; wire the image the detector saw");
    }
}

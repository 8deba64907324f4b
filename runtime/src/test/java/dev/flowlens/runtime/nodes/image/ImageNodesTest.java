package dev.flowlens.runtime.nodes.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.io.ImageFiles;
import dev.flowlens.runtime.io.ImageLimits;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.nodes.TestContext;
import dev.flowlens.runtime.value.ImageValue;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageNodesTest {
    @TempDir
    Path dir;

    private ImageValue checked(String sample) throws Exception {
        Path file = TestContext.sample(sample, dir.resolve("in"));
        return (ImageValue) TestContext.in(dir).run(new CheckImage(), Map.of("file", file)).get("image");
    }

    @Test
    void checkGivesTheImageAndItsInfo() throws Exception {
        Path file = TestContext.sample("rocket.jpg", dir);

        Map<String, Object> out = TestContext.in(dir).run(new CheckImage(), Map.of("file", file));

        JsonNode info = (JsonNode) out.get("info");
        assertThat(info.get("name").asText()).isEqualTo("rocket.jpg");
        assertThat(info.get("format").asText()).isEqualTo("jpeg");
        assertThat(info.get("width").asInt()).isEqualTo(640);
        assertThat(info.get("height").asInt()).isEqualTo(427);
        assertThat(info.get("megapixels").asDouble()).isEqualTo(0.27);
        assertThat(info.get("bytes").asLong()).isEqualTo(Files.size(file));
        assertThat(((ImageValue) out.get("image")).name()).isEqualTo("rocket.jpg");
    }

    @Test
    void checkRejectsTheTruncatedJpegNamingTheFile() {
        Path file = TestContext.sample("truncated.jpg", dir);

        assertThatThrownBy(() -> TestContext.in(dir).run(new CheckImage(), Map.of("file", file)))
                .isInstanceOf(NodeFailure.class)
                .hasMessage("truncated.jpg: the JPEG data ends early (truncated file)");
    }

    @Test
    void checkRejectsZeroByteAndNonImageFiles() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        Path text = Files.writeString(dir.resolve("readme.png"), "hello");

        assertThatThrownBy(() -> TestContext.in(dir).run(new CheckImage(), Map.of("file", empty)))
                .hasMessage("empty.jpg: the file is empty (0 bytes)");
        assertThatThrownBy(() -> TestContext.in(dir).run(new CheckImage(), Map.of("file", text)))
                .hasMessageStartingWith("readme.png: not an image in a supported format");
    }

    @Test
    void checkEnforcesSizeAndFormatRules() {
        Path cat = TestContext.sample("chelsea.png", dir);

        assertThatThrownBy(() -> TestContext.in(dir).run(new CheckImage(), Map.of("file", cat), Map.of("min_width", 512)))
                .hasMessage("chelsea.png: width is 451 pixels, less than the minimum 512");
        assertThatThrownBy(() -> TestContext.in(dir).run(new CheckImage(), Map.of("file", cat), Map.of("max_height", 200)))
                .hasMessage("chelsea.png: height is 300 pixels, more than the maximum 200");
        assertThatThrownBy(() -> TestContext.in(dir).run(new CheckImage(), Map.of("file", cat),
                Map.of("formats", "jpeg, webp")))
                .hasMessage("chelsea.png: the file is PNG, but only jpeg, webp are allowed");
    }

    @Test
    void checkRefusesABombBeforeDecoding() throws Exception {
        Path bomb = Files.write(dir.resolve("bomb.png"), TestContext.pngHeaderOnly(50_000, 50_000));

        assertThatThrownBy(() -> TestContext.in(dir).run(new CheckImage(), Map.of("file", bomb)))
                .hasMessageStartingWith("bomb.png: the image is 50000x50000 (2500.0 megapixels)");
    }

    @ParameterizedTest
    @CsvSource({"fit,256,256,256,170", "fill,256,256,256,256", "exact,100,50,100,50", "fit,1000,1000,451,300"})
    void resizeModes(String mode, int w, int h, int expectedW, int expectedH) throws Exception {
        ImageValue cat = checked("chelsea.png");

        ImageValue out = (ImageValue) TestContext.in(dir).run(new ResizeImage(), Map.of("image", cat),
                Map.of("mode", mode, "width", w, "height", h)).get("image");

        assertThat(out.width()).isEqualTo(expectedW);
        assertThat(out.height()).isEqualTo(expectedH);
        assertThat(out.name()).isEqualTo("chelsea.png");
        assertThat(cat.width()).as("input unchanged").isEqualTo(451);
    }

    @Test
    void resizeCanEnlargeWhenAsked() throws Exception {
        ImageValue cat = checked("chelsea.png");

        ImageValue out = (ImageValue) TestContext.in(dir).run(new ResizeImage(), Map.of("image", cat),
                Map.of("width", 902, "height", 902, "upscale", true)).get("image");

        assertThat(out.width()).isEqualTo(902);
        assertThat(out.height()).isEqualTo(600);
    }

    @Test
    void downscalingKeepsTheAverageColour() throws Exception {
        ImageValue cat = checked("chelsea.png");
        ImageValue small = (ImageValue) TestContext.in(dir).run(new ResizeImage(), Map.of("image", cat),
                Map.of("width", 64, "height", 64)).get("image");

        JsonNode before = inspect(cat);
        JsonNode after = inspect(small);

        assertThat(after.get("mean_red").asDouble()).isCloseTo(before.get("mean_red").asDouble(),
                org.assertj.core.data.Offset.offset(3.0));
        assertThat(after.get("brightness").asDouble()).isCloseTo(before.get("brightness").asDouble(),
                org.assertj.core.data.Offset.offset(3.0));
    }

    @Test
    void cropCutsTheRequestedRectangle() throws Exception {
        BufferedImage img = new BufferedImage(10, 8, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 2, 0xff0000);
        ImageValue value = ImageValue.of(img, "dot.png");

        ImageValue out = (ImageValue) TestContext.in(dir).run(new CropImage(), Map.of("image", value),
                Map.of("x", 3, "y", 2, "width", 4, "height", 3)).get("image");

        assertThat(out.width()).isEqualTo(4);
        assertThat(out.height()).isEqualTo(3);
        assertThat(out.image().getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
    }

    @Test
    void cropOutsideTheImageSaysSoOrClamps() throws Exception {
        ImageValue cat = checked("chelsea.png");

        assertThatThrownBy(() -> TestContext.in(dir).run(new CropImage(), Map.of("image", cat),
                Map.of("x", 400, "y", 0, "width", 100, "height", 100)))
                .hasMessage("chelsea.png: the crop 100x100 at (400, 0) reaches outside the image, which is 451x300; "
                        + "make it smaller or turn on clamp");
        ImageValue clamped = (ImageValue) TestContext.in(dir).run(new CropImage(), Map.of("image", cat),
                Map.of("x", 400, "y", 0, "width", 100, "height", 100, "clamp", true)).get("image");
        assertThat(clamped.width()).isEqualTo(51);
        ImageValue centred = (ImageValue) TestContext.in(dir).run(new CropImage(), Map.of("image", cat),
                Map.of("width", 300, "height", 300, "center", true)).get("image");
        assertThat(centred.width()).isEqualTo(300);
    }

    @Test
    void rotateMovesPixelsClockwiseAndFlips() throws Exception {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000); // red in the top-left corner
        ImageValue value = ImageValue.of(img, "corner.png");

        ImageValue r90 = (ImageValue) TestContext.in(dir).run(new RotateImage(), Map.of("image", value),
                Map.of("angle", "90")).get("image");
        ImageValue r180flip = (ImageValue) TestContext.in(dir).run(new RotateImage(), Map.of("image", value),
                Map.of("angle", "180", "flip", "horizontal")).get("image");

        assertThat(r90.width()).isEqualTo(2);
        assertThat(r90.height()).isEqualTo(3);
        assertThat(r90.image().getRGB(1, 0) & 0xffffff).as("top-left goes top-right").isEqualTo(0xff0000);
        assertThat(r180flip.image().getRGB(0, 1) & 0xffffff).as("180 then mirror: bottom-left").isEqualTo(0xff0000);
    }

    @Test
    void rotateKeepsAGreyImageGrey() throws Exception {
        ImageValue camera = checked("camera.png");
        int topLeft = camera.image().getRaster().getSample(0, 0, 0);

        ImageValue turned = (ImageValue) TestContext.in(dir).run(new RotateImage(), Map.of("image", camera),
                Map.of("angle", "270")).get("image");

        assertThat(turned.image().getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(turned.image().getRaster().getSample(0, 511, 0)).as("top-left goes bottom-left").isEqualTo(topLeft);
    }

    @Test
    void grayscaleMakesAColourPhotoGrey() throws Exception {
        ImageValue cat = checked("chelsea.png");

        ImageValue gray = (ImageValue) TestContext.in(dir).run(new GrayscaleImage(), Map.of("image", cat)).get("image");

        JsonNode info = inspect(gray);
        assertThat(info.get("mode").asText()).isEqualTo("grayscale");
        assertThat(info.get("colorfulness").asDouble()).isZero();
        assertThat(inspect(cat).get("mode").asText()).isEqualTo("color");
    }

    @Test
    void inspectTellsOrientationAndMode() throws Exception {
        JsonNode cat = inspect(checked("chelsea.png"));
        JsonNode camera = inspect(checked("camera.png"));
        JsonNode rocket = inspect(checked("rocket.jpg"));

        assertThat(cat.get("orientation").asText()).isEqualTo("landscape");
        assertThat(cat.get("mode").asText()).isEqualTo("color");
        assertThat(cat.get("mean_color").asText()).matches("#[0-9a-f]{6}");
        assertThat(camera.get("orientation").asText()).isEqualTo("square");
        assertThat(camera.get("mode").asText()).isEqualTo("grayscale");
        assertThat(camera.get("colorfulness").asDouble()).isZero();
        assertThat(rocket.get("mode").asText()).isEqualTo("color");
        BufferedImage tall = new BufferedImage(100, 300, BufferedImage.TYPE_INT_RGB);
        assertThat(inspect(ImageValue.of(tall, "tall.png")).get("orientation").asText()).isEqualTo("portrait");
        assertThat(InspectImage.orientation(371, 370, 0.02)).isEqualTo("square");
    }

    @Test
    void inspectKeepsGreyLevelsOfAGreyPng() throws Exception {
        // camera.png is 8-bit grey; Java2D would brighten it on conversion, the statistics must not.
        BufferedImage raw = ImageFiles.read(TestContext.sample("camera.png", dir), ImageLimits.DEFAULT).image();
        long sum = 0;
        for (int y = 0; y < raw.getHeight(); y++) {
            for (int x = 0; x < raw.getWidth(); x++) {
                sum += raw.getRaster().getSample(x, y, 0);
            }
        }
        double mean = sum / (double) (raw.getWidth() * raw.getHeight());

        JsonNode info = inspect(ImageValue.of(raw, "camera.png"));

        assertThat(info.get("brightness").asDouble()).isCloseTo(mean, org.assertj.core.data.Offset.offset(0.1));
    }

    @ParameterizedTest
    @CsvSource({"png,png", "jpeg,jpg", "bmp,bmp", "gif,gif", "tiff,tiff"})
    void encodeWritesIntoTheOutputFolderUnderTheImagesName(String format, String ext) throws Exception {
        ImageValue cat = checked("chelsea.png");
        TestContext ctx = TestContext.in(dir);

        Path file = (Path) ctx.run(new EncodeImage(), Map.of("image", cat), Map.of("format", format, "folder", "small"))
                .get("file");

        assertThat(file).isEqualTo(dir.resolve("out/small/chelsea." + ext));
        assertThat(ImageFiles.read(file, ImageLimits.DEFAULT).format()).isEqualTo(format);
        assertThat(ctx.outputFiles()).containsExactly(file);
    }

    @Test
    void encodeJpegQualityChangesTheSize() throws Exception {
        ImageValue cat = checked("chelsea.png");

        Path low = (Path) TestContext.in(dir).run(new EncodeImage(), Map.of("image", cat),
                Map.of("format", "jpeg", "quality", 0.2, "folder", "low")).get("file");
        Path high = (Path) TestContext.in(dir).run(new EncodeImage(), Map.of("image", cat),
                Map.of("format", "jpeg", "quality", 0.95, "folder", "high")).get("file");

        assertThat(Files.size(low)).isLessThan(Files.size(high));
    }

    @Test
    void encodeWebpSaysItCannotWriteIt() throws Exception {
        ImageValue cat = checked("chelsea.png");

        assertThatThrownBy(() -> TestContext.in(dir).run(new EncodeImage(), Map.of("image", cat), Map.of("format", "webp")))
                .hasMessageContaining("Save image (node n1): format: no webp encoder is installed");
    }

    @Test
    void encodeNeverOverwritesTheSourceImage() throws Exception {
        Path source = TestContext.sample("chelsea.png", dir.resolve("out/images"));
        byte[] before = Files.readAllBytes(source);
        ImageValue cat = (ImageValue) TestContext.in(dir).run(new CheckImage(), Map.of("file", source)).get("image");

        assertThatThrownBy(() -> TestContext.in(dir).run(new EncodeImage(), Map.of("image", cat)))
                .hasMessageContaining("refusing to overwrite the input file");
        assertThat(Files.readAllBytes(source)).isEqualTo(before);
    }

    private JsonNode inspect(ImageValue image) throws Exception {
        return (JsonNode) TestContext.in(dir).run(new InspectImage(), Map.of("image", image)).get("info");
    }
}

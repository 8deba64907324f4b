package dev.flowlens.runtime.vlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Image encoding, prompt templates, schemas and endpoints: the small parts the node is built from. */
class VlmSupportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void imagesAreScaledToTheMaxSideAndSentAsJpegOrPngWithTransparency() throws Exception {
        ImageEncoder.EncodedImage jpeg = ImageEncoder.encode(new BufferedImage(3000, 1200, BufferedImage.TYPE_INT_RGB),
                1024, ImageEncoder.Format.AUTO);
        assertThat(jpeg.mimeType()).isEqualTo("image/jpeg");
        BufferedImage back = decode(jpeg.dataUri());
        assertThat(back.getWidth()).isEqualTo(1024);
        assertThat(back.getHeight()).isEqualTo(410);

        ImageEncoder.EncodedImage png = ImageEncoder.encode(new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB),
                1024, ImageEncoder.Format.AUTO);
        assertThat(png.dataUri()).startsWith("data:image/png;base64,");
        assertThat(decode(png.dataUri()).getWidth()).as("small images are not enlarged").isEqualTo(300);

        ImageEncoder.EncodedImage gray = ImageEncoder.encode(new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY),
                1024, ImageEncoder.Format.AUTO);
        assertThat(gray.mimeType()).isEqualTo("image/jpeg");
        assertThat(decode(gray.dataUri()).getWidth()).isEqualTo(300);

        ImageEncoder.EncodedImage forced = ImageEncoder.encode(new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY),
                100, ImageEncoder.Format.PNG);
        assertThat(forced.mimeType()).isEqualTo("image/png");
        assertThat(decode(forced.dataUri()).getHeight()).isEqualTo(67);
    }

    private static BufferedImage decode(String uri) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1))));
    }

    @Test
    void templatesFillFieldsAndNameTheMissingOnes() {
        assertThat(PromptTemplate.render("Is {{ name }} {{colour}}? $1 \\", Map.of("name", "it", "colour", "red")))
                .isEqualTo("Is it red? $1 \\");
        assertThatThrownBy(() -> PromptTemplate.render("{{size}}", Map.of("name", "it")))
                .hasMessage("uses {{size}}, but the inputs have no field \"size\"; known fields: name");
    }

    @Test
    void schemasReportWhereAndWhatAndRejectNonSchemas() throws Exception {
        AnswerSchema schema = AnswerSchema.of(MAPPER.readTree(
                "{\"type\": \"object\", \"required\": [\"color\"], \"properties\": {\"color\": {\"enum\": [\"red\", \"blue\"]}}}"));
        assertThat(schema.problems(MAPPER.readTree("{\"color\": \"red\"}"))).isEmpty();
        assertThat(schema.problems(MAPPER.readTree("{}"))).singleElement().asString().contains("color");
        assertThat(schema.problems(MAPPER.readTree("{\"color\": \"green\"}"))).singleElement().asString()
                .startsWith("/color");
        assertThat(AnswerSchema.of(MAPPER.readTree(schema.node().toString()))).as("compiled once").isSameAs(schema);
        assertThatThrownBy(() -> AnswerSchema.of(MAPPER.readTree("[1, 2]"))).hasMessageContaining("must be an object");
    }

    @Test
    void endpointsAreNormalisedAndNeverShowTheirKey() {
        Endpoint e = Endpoint.of(" http://localhost:8000/v1/chat/completions/ ", "sk-secret-1");
        assertThat(e.baseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(e.toString()).doesNotContain("sk-secret-1");
        assertThat(e.redact("key sk-secret-1 refused")).isEqualTo("key *** refused");
        assertThat(Endpoint.of("https://api.z.ai/api/paas/v4", null).isZaiHosted()).isTrue();
        assertThat(e.isZaiHosted()).isFalse();
        assertThatThrownBy(() -> Endpoint.of("localhost:8000", null)).hasMessageContaining("http:// or https://");
    }

    @Test
    void backoffGrowsWithJitterAndStaysUnderTheCap() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertThat(p.backoff(1).toMillis()).isBetween(250L, 750L);
        assertThat(p.backoff(2).toMillis()).isBetween(500L, 1500L);
        assertThat(p.backoff(30).toMillis()).isLessThanOrEqualTo(12_000L);
    }
}

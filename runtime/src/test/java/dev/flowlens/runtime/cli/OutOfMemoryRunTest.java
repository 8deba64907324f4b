package dev.flowlens.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that needs more memory than the JVM has ends, with a message that says so and what to do, instead of
 * hanging: {@code flowlens run} in a child JVM with a 96 MB heap over 400 photos that decode to 400 MB, so memory
 * runs out wherever the next allocation happens (a worker, the coordinator), not only in a decoder.
 */
class OutOfMemoryRunTest {
    @TempDir
    Path dir;

    @Test
    void aRunThatOutgrowsTheHeapEndsAndSaysWhy() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        Path first = photos.resolve("p000.png");
        ImageIO.write(new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB), "png", first.toFile());
        for (int i = 1; i < 400; i++) {
            Files.copy(first, photos.resolve(String.format("p%03d.png", i)));
        }
        Path workflow = dir.resolve("inspect.json");
        Files.writeString(workflow, """
                {"formatVersion": 1, "id": "inspect", "name": "Inspect",
                 "nodes": [
                   {"id": "photos", "type": "input.image_folder", "params": {"folder": "photos"}},
                   {"id": "check", "type": "image.check", "params": {}},
                   {"id": "inspect", "type": "image.inspect", "params": {}},
                   {"id": "table", "type": "data.to_table", "params": {}},
                   {"id": "report", "type": "output.write_csv", "params": {"path": "report.csv"}}],
                 "edges": [
                   {"from": "photos.files", "to": "check.file"}, {"from": "check.image", "to": "inspect.image"},
                   {"from": "inspect.info", "to": "table.rows"}, {"from": "table.table", "to": "report.table"}]}
                """);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-cp", System.getProperty("java.class.path"), FlowLensCli.class.getName(),
                "run", workflow.toString(), "--out", dir.resolve("out").toString(), "--no-history", "-j", "2")
                .redirectErrorStream(true);
        pb.environment().put("FLOWLENS_DATA", dir.resolve("data").toString());
        Process run = pb.start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                output.append("(reading failed: ").append(e.getMessage()).append(')');
            }
        });
        reader.start();

        boolean ended = run.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            run.destroyForcibly();
        }
        reader.join(10_000);

        assertThat(ended).as("the run ended; it printed:%n%s", output).isTrue();
        assertThat(run.exitValue()).as(output.toString()).isEqualTo(1);
        assertThat(output.toString()).containsPattern("out of Java heap memory|not enough memory to decode")
                .contains("FLOWLENS_JAVA_OPTS=-Xmx4g");
    }
}

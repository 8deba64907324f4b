package dev.flowlens.runtime.nodes.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.io.CsvTables;
import dev.flowlens.runtime.nodes.TestContext;
import dev.flowlens.runtime.nodes.Values;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.value.ItemError;
import dev.flowlens.runtime.value.Table;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class OutputNodesTest {
    @TempDir
    Path dir;

    private static Table report() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("item", "coffee.png");
        a.put("width", 600L);
        a.put("mode", "color");
        a.put("error", null);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("item", "truncated.jpg");
        b.put("width", null);
        b.put("mode", null);
        b.put("error", "truncated.jpg: the JPEG data ends early (truncated file)");
        return new Table(List.of("item", "width", "mode", "error"), List.of(a, b));
    }

    @Test
    void writeCsvWritesTheRowsAndRecordsTheFile() throws Exception {
        TestContext ctx = TestContext.in(dir);

        Path file = (Path) ctx.run(new WriteCsv(), Map.of("table", report()), Map.of("path", "reports/report.csv"))
                .get("file");

        assertThat(file).isEqualTo(dir.resolve("out/reports/report.csv"));
        assertThat(Files.readString(file)).isEqualTo("item,width,mode,error\n"
                + "coffee.png,600,color,\n"
                + "truncated.jpg,,,\"truncated.jpg: the JPEG data ends early (truncated file)\"\n");
        assertThat(ctx.outputFiles()).containsExactly(file);
        assertThat(CsvTables.read(file).rows().get(1)).containsEntry("item", "truncated.jpg");
    }

    @Test
    void unwritableOutputFolderGivesAClearErrorAndLeavesNoTemporaryFile() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/reports"), "a file where a folder should be");
        TestContext ctx = TestContext.in(dir);

        assertThatThrownBy(() -> ctx.run(new WriteCsv(), Map.of("table", report()), Map.of("path", "reports/report.csv")))
                .hasMessage("Write CSV (node n1): cannot create folder " + dir.resolve("out/reports")
                        + ": " + dir.resolve("out/reports") + " is a file, not a folder");
        assertThat(tempFiles()).isEmpty();
        assertThat(ctx.outputFiles()).isEmpty();
    }

    @Test
    void readOnlyFolderGivesAClearError() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                "root may write into read-only folders");
        Path locked = Files.createDirectories(dir.resolve("out/locked"));
        locked.toFile().setWritable(false);
        try {
            assertThatThrownBy(() -> TestContext.in(dir).run(new WriteCsv(), Map.of("table", report()),
                    Map.of("path", "locked/report.csv")))
                    .hasMessage("Write CSV (node n1): cannot write into folder " + locked + ": permission denied");
            assertThat(tempFiles()).isEmpty();
        } finally {
            locked.toFile().setWritable(true);
        }
    }

    @Test
    void writeJsonPrettyAndLines() throws Exception {
        TestContext ctx = TestContext.in(dir);
        List<Object> items = List.of(Values.MAPPER.readTree("{\"item\": \"a.png\", \"ok\": true}"),
                new ItemError("b.png", "Check image (node check)", "b.png: the file is empty (0 bytes)"));

        Path pretty = (Path) ctx.run(new WriteJson(), Map.of("value", report()), Map.of("path", "report.json")).get("file");
        Path lines = (Path) ctx.run(new WriteJson(), Map.of("value", items), Map.of("path", "items.jsonl", "jsonl", true))
                .get("file");

        JsonNode back = Values.MAPPER.readTree(pretty.toFile());
        assertThat(back.isArray()).isTrue();
        assertThat(back.get(0).get("width").asInt()).isEqualTo(600);
        assertThat(back.get(1).get("error").asText()).startsWith("truncated.jpg");
        assertThat(Files.readString(pretty)).contains("\n  {");
        assertThat(Files.readAllLines(lines)).containsExactly("{\"item\":\"a.png\",\"ok\":true}",
                "{\"item\":\"b.png\",\"error\":\"b.png: the file is empty (0 bytes)\",\"node\":\"Check image (node check)\"}");
        assertThat(ctx.outputFiles()).containsExactly(pretty, lines);
    }

    @Test
    void copyFilesSortsIntoLabelFoldersAndSkipsFailedItems() throws Exception {
        Path in = dir.resolve("in");
        Path cat = TestContext.sample("chelsea.png", in);
        Path rocket = TestContext.sample("rocket.jpg", in);
        ImageValue made = ImageValue.of(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), "drawn.bmp");
        List<Object> items = List.of(cat, rocket, new ItemError("x.png", "n", "broken"), made);
        List<Object> labels = List.of("cat", Values.MAPPER.readTree("{\"label\": \"../launch\"}"), "ignored", "");
        TestContext ctx = TestContext.in(dir);

        List<Object> written = (List<Object>) ctx.run(new CopyFiles(), Map.of("items", items, "labels", labels),
                Map.of("folder", "sorted")).get("files");

        Path sorted = dir.resolve("out/sorted");
        assertThat(written).containsExactly(sorted.resolve("cat/chelsea.png"), sorted.resolve(".._launch/rocket.jpg"),
                sorted.resolve("unlabelled/drawn.png"));
        assertThat(Files.readAllBytes(sorted.resolve("cat/chelsea.png"))).isEqualTo(Files.readAllBytes(cat));
        assertThat(cat).exists();
        assertThat(ctx.logs()).contains("skipped 1 failed items");
    }

    @Test
    void copyFilesMoveRemovesTheOriginalAndCountsMustMatch() throws Exception {
        Path cat = TestContext.sample("chelsea.png", dir.resolve("in"));

        List<Object> written = (List<Object>) TestContext.in(dir).run(new CopyFiles(), Map.of("items", List.of(cat)),
                Map.of("mode", "move", "default_label", "flagged")).get("files");

        assertThat(written).containsExactly(dir.resolve("out/sorted/flagged/chelsea.png"));
        assertThat(cat).doesNotExist();
        assertThatThrownBy(() -> TestContext.in(dir).run(new CopyFiles(),
                Map.of("items", List.of(dir.resolve("out/sorted/flagged/chelsea.png")), "labels", List.of("a", "b"))))
                .hasMessage("Sort files into folders (node n1): labels: got 2 labels for 1 items; wire labels "
                        + "computed from the same items");
    }

    @Test
    void copyFilesNeverOverwritesItsInputs() throws Exception {
        Path source = TestContext.sample("chelsea.png", dir.resolve("out/sorted/cat"));

        assertThatThrownBy(() -> TestContext.in(dir).run(new CopyFiles(), Map.of("items", List.of(source),
                "labels", List.of("cat"))))
                .hasMessageContaining("chelsea.png: refusing to overwrite the input file");
        assertThat(source).exists().isNotEmptyFile();
    }

    @Test
    void copyFilesKeepsBothFilesWhenNamesCollide() throws Exception {
        Path one = TestContext.sample("chelsea.png", dir.resolve("in/a"));
        Path two = TestContext.sample("camera.png", dir.resolve("in/b"));
        Path twoRenamed = Files.move(two, two.resolveSibling("chelsea.png"));

        List<Object> written = (List<Object>) TestContext.in(dir).run(new CopyFiles(),
                Map.of("items", List.of(one, twoRenamed), "labels", List.of("cat", "cat"))).get("files");

        assertThat(written).containsExactly(dir.resolve("out/sorted/cat/chelsea.png"),
                dir.resolve("out/sorted/cat/chelsea_2.png"));
        assertThat(Files.readAllBytes((Path) written.get(1))).isEqualTo(Files.readAllBytes(twoRenamed));
    }

    @Test
    void previewPassesTheValueThrough() throws Exception {
        Table t = report();

        assertThat(TestContext.in(dir).run(new Preview(), Map.of("value", t)).get("value")).isSameAs(t);
    }

    private List<Path> tempFiles() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}

package dev.flowlens.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.runtime.value.Table;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTablesTest {
    @TempDir
    Path dir;

    @Test
    void quotesCommasNewlinesAndUnicodeSurviveARoundTrip() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("item", "Katze, \"Chelsea\".png");
        row.put("note", "line one\nline two");
        row.put("score", 0.75);
        row.put("count", 3L);
        row.put("ok", true);
        row.put("missing", null);
        Table table = new Table(List.of("item", "note", "score", "count", "ok", "missing"), List.of(row));
        Path file = dir.resolve("t.csv");
        AtomicFiles.write(file, out -> CsvTables.write(table, out));

        Table back = CsvTables.read(file);

        assertThat(back.columns()).containsExactly("item", "note", "score", "count", "ok", "missing");
        assertThat(back.rows().get(0)).containsEntry("item", "Katze, \"Chelsea\".png")
                .containsEntry("note", "line one\nline two").containsEntry("score", "0.75")
                .containsEntry("count", "3").containsEntry("ok", "true").containsEntry("missing", "");
    }

    @Test
    void writesAHeaderAndOneLinePerRow() throws Exception {
        Table table = Table.ofRows(List.of(Map.of("a", "x"), Map.of("a", "y")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CsvTables.write(table, out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\nx\ny\n");
    }

    @Test
    void spreadsheetByteOrderMarkIsNotPartOfTheFirstColumnName() throws Exception {
        Path file = dir.resolve("excel.csv");
        Files.write(file, ("\uFEFFfile,label\r\ncoffee.png,color\r\n").getBytes(StandardCharsets.UTF_8));

        Table t = CsvTables.read(file);

        assertThat(t.columns()).containsExactly("file", "label");
        assertThat(t.rows().get(0)).containsEntry("file", "coffee.png").containsEntry("label", "color");
    }

    @Test
    void duplicateHeaderIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("dup.csv"), "a,b,a\n1,2,3\n");

        assertThatThrownBy(() -> CsvTables.read(file)).hasMessage("dup.csv: the header names column \"a\" twice");
    }

    @Test
    void rowWithTooManyCellsIsReportedWithItsLine() throws Exception {
        Path file = Files.writeString(dir.resolve("ragged.csv"), "a,b\n1,2\n1,2,3\n");

        assertThatThrownBy(() -> CsvTables.read(file))
                .isInstanceOf(FileProblem.class)
                .hasMessageStartingWith("ragged.csv: not valid CSV at line 3");
    }

    @Test
    void emptyFileNeedsAHeader() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.csv"), "");

        assertThatThrownBy(() -> CsvTables.read(file)).hasMessageContaining("needs a header row");
    }

    @Test
    void failedWriteLeavesNoTemporaryFileAndKeepsTheOldFile() throws Exception {
        Path file = Files.writeString(dir.resolve("report.csv"), "old\n");

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new java.io.IOException("disk full");
        })).hasMessageContaining("could not write").hasMessageContaining("disk full");

        assertThat(Files.readString(file)).isEqualTo("old\n");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("report.csv");
        }
    }

    @Test
    void folderThatIsAFileGivesAClearError() throws Exception {
        Files.writeString(dir.resolve("reports"), "I am a file");

        assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("reports").resolve("r.csv"), out -> out.write(1)))
                .hasMessageContaining("cannot create folder " + dir.resolve("reports"))
                .hasMessageContaining("is a file, not a folder");
    }

    @Test
    void createsMissingParentFolders() throws Exception {
        Path deep = dir.resolve("a").resolve("b c").resolve("r.csv");

        AtomicFiles.write(deep, out -> out.write(Arrays.copyOf("x".getBytes(StandardCharsets.UTF_8), 1)));

        assertThat(deep).hasContent("x");
    }
}

package dev.flowlens.runtime.nodes.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.nodes.TestContext;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.value.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class InputNodesTest {
    @TempDir
    Path dir;

    @Test
    void loadImageNamesTheImageAfterItsFile() throws Exception {
        TestContext.sample("chelsea.png", dir.resolve("in"));
        TestContext ctx = TestContext.in(dir);

        ImageValue image = (ImageValue) ctx.run(new LoadImage(), Map.of(), Map.of("path", "in/chelsea.png")).get("image");

        assertThat(image.name()).isEqualTo("chelsea.png");
        assertThat(image.width()).isEqualTo(451);
        assertThat(image.sourceFile()).contains(dir.resolve("in/chelsea.png"));
    }

    @Test
    void loadImageFailsOnATruncatedJpeg() {
        TestContext.sample("truncated.jpg", dir);

        assertThatThrownBy(() -> TestContext.in(dir).run(new LoadImage(), Map.of(), Map.of("path", "truncated.jpg")))
                .isInstanceOf(NodeFailure.class)
                .hasMessage("truncated.jpg: the JPEG data ends early (truncated file)");
    }

    @Test
    void loadImageFingerprintChangesWhenTheFileChanges() throws Exception {
        Path file = TestContext.sample("chelsea.png", dir);
        TestContext ctx = TestContext.in(dir);
        LoadImage node = new LoadImage();
        var params = TestContext.params(node.spec(), Map.of("path", "chelsea.png"));

        String before = node.fingerprint(params, ctx);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(node.fingerprint(params, ctx)).isNotEqualTo(before).contains("chelsea.png");
    }

    @Test
    void folderListsImagesSortedAndSkipsOtherFiles() throws Exception {
        Path in = dir.resolve("photos");
        TestContext.sample("rocket.jpg", in);
        TestContext.sample("chelsea.png", in);
        TestContext.sample("camera.png", in);
        Files.writeString(in.resolve("notes.txt"), "not an image");
        Files.writeString(in.resolve(".hidden.png"), "being written");
        TestContext.sample("page.png", in.resolve("sub"));

        List<Object> files = (List<Object>) TestContext.in(dir).run(new ImageFolder(), Map.of(), Map.of("folder", "photos"))
                .get("files");

        assertThat(files).containsExactly(in.resolve("camera.png"), in.resolve("chelsea.png"), in.resolve("rocket.jpg"));
    }

    @Test
    void folderRecursiveAndPattern() throws Exception {
        Path in = dir.resolve("photos");
        TestContext.sample("rocket.jpg", in);
        TestContext.sample("chelsea.png", in);
        TestContext.sample("page.png", in.resolve("scans"));
        Files.move(in.resolve("chelsea.png"), in.resolve("CHELSEA.PNG"));

        List<Object> all = (List<Object>) TestContext.in(dir).run(new ImageFolder(), Map.of(),
                Map.of("folder", "photos", "recursive", true)).get("files");
        List<Object> png = (List<Object>) TestContext.in(dir).run(new ImageFolder(), Map.of(),
                Map.of("folder", "photos", "recursive", true, "pattern", "*.png")).get("files");

        assertThat(all).containsExactly(in.resolve("CHELSEA.PNG"), in.resolve("rocket.jpg"), in.resolve("scans/page.png"));
        assertThat(png).containsExactly(in.resolve("CHELSEA.PNG"), in.resolve("scans/page.png"));
    }

    @Test
    void onlyNewFilesAreThoseModifiedAfterTheLastSuccessfulRun() throws Exception {
        Path in = dir.resolve("uploads");
        Instant lastRun = Instant.parse("2026-11-20T10:00:00Z");
        Path old = TestContext.sample("chelsea.png", in);
        Path fresh = TestContext.sample("rocket.jpg", in);
        Files.setLastModifiedTime(old, FileTime.from(lastRun.minusSeconds(3600)));
        Files.setLastModifiedTime(fresh, FileTime.from(lastRun.plusSeconds(60)));

        TestContext ctx = TestContext.in(dir).withLastSuccessfulRun(lastRun);
        List<Object> files = (List<Object>) ctx.run(new ImageFolder(), Map.of(), Map.of("folder", "uploads", "only_new", true))
                .get("files");
        List<Object> firstRun = (List<Object>) TestContext.in(dir).run(new ImageFolder(), Map.of(),
                Map.of("folder", "uploads", "only_new", true)).get("files");

        assertThat(files).containsExactly(fresh);
        assertThat(ctx.logs()).anyMatch(l -> l.startsWith("1 of 2 files are new since"));
        assertThat(firstRun).hasSize(2);
    }

    @Test
    void foldersAndFilesWithSpacesAndUnicodeWork() throws Exception {
        Path in = dir.resolve("Fotos für Kunden").resolve("猫 & Co");
        Path cat = Files.move(TestContext.sample("chelsea.png", in), in.resolve("Katze Nr 1 ✓.png"));

        List<Object> files = (List<Object>) TestContext.in(dir).run(new ImageFolder(), Map.of(),
                Map.of("folder", "Fotos für Kunden/猫 & Co")).get("files");
        ImageValue image = (ImageValue) TestContext.in(dir).run(new LoadImage(), Map.of(),
                Map.of("path", "Fotos für Kunden/猫 & Co/Katze Nr 1 ✓.png")).get("image");

        assertThat(files).containsExactly(cat);
        assertThat(image.name()).isEqualTo("Katze Nr 1 ✓.png");
    }

    @Test
    void loadTableSaysWhereJsonIsBroken() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "[{\"a\": 1},\n {\"b\" 2}]");

        assertThatThrownBy(() -> TestContext.in(dir).run(new LoadTable(), Map.of(), Map.of("path", "broken.json")))
                .hasMessageStartingWith("broken.json: not valid JSON at line 2, column 7");
    }

    @Test
    void missingFolderNamesTheFolder() {
        assertThatThrownBy(() -> TestContext.in(dir).run(new ImageFolder(), Map.of(), Map.of("folder", "nowhere")))
                .isInstanceOf(NodeFailure.class)
                .hasMessage("Image folder (node n1): folder " + dir.resolve("nowhere") + " does not exist");
    }

    @Test
    void emptyFolderIsAnEmptyListWithALogLine() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        TestContext ctx = TestContext.in(dir);

        List<Object> files = (List<Object>) ctx.run(new ImageFolder(), Map.of(), Map.of("folder", "empty")).get("files");

        assertThat(files).isEmpty();
        assertThat(ctx.logs()).anyMatch(l -> l.startsWith("no files matching"));
    }

    @Test
    void folderFingerprintNoticesANewFile() throws Exception {
        Path in = dir.resolve("photos");
        TestContext.sample("chelsea.png", in);
        ImageFolder node = new ImageFolder();
        var params = TestContext.params(node.spec(), Map.of("folder", "photos"));
        TestContext ctx = TestContext.in(dir);

        String before = node.fingerprint(params, ctx);
        TestContext.sample("rocket.jpg", in);

        assertThat(node.fingerprint(params, ctx)).isNotEqualTo(before);
    }

    @Test
    void loadTableReadsCsvAndJson() throws Exception {
        Files.writeString(dir.resolve("labels.csv"), "file,label\ncoffee.png,color\n\"a, b.png\",grayscale\n");
        Files.writeString(dir.resolve("rows.json"), "[{\"item\": \"a.png\", \"score\": 0.5, \"n\": 2, \"tags\": [1]},"
                + " {\"item\": \"b.png\", \"ok\": true}]");
        TestContext ctx = TestContext.in(dir);

        Table csv = (Table) ctx.run(new LoadTable(), Map.of(), Map.of("path", "labels.csv")).get("table");
        Table json = (Table) ctx.run(new LoadTable(), Map.of(), Map.of("path", "rows.json")).get("table");

        assertThat(csv.columns()).containsExactly("file", "label");
        assertThat(csv.rows()).extracting(r -> r.get("file")).containsExactly("coffee.png", "a, b.png");
        assertThat(json.columns()).containsExactly("item", "score", "n", "tags", "ok");
        assertThat(json.rows().get(0)).containsEntry("score", 0.5).containsEntry("n", 2L).containsEntry("tags", "[1]");
        assertThat(json.rows().get(1)).containsEntry("ok", true);
    }

    @Test
    void loadTableRejectsJsonThatIsNotAnArrayOfObjects() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "[{\"a\": 1}, 5]");

        assertThatThrownBy(() -> TestContext.in(dir).run(new LoadTable(), Map.of(), Map.of("path", "bad.json")))
                .hasMessage("bad.json: element 2 of the array is number, expected an object (a row)");
    }
}

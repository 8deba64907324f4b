package dev.flowlens.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.runtime.value.Detection;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.value.ItemError;
import dev.flowlens.runtime.value.Table;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Previews a front end shows: scaled pictures with boxes scaled alike, tables as text cells, failed items. */
class OutputPreviewsTest {
    private static ImageValue red(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0xff0000);
            }
        }
        return ImageValue.of(img, "red.png");
    }

    @Test
    void picturesAreScaledToFitAndDetectionBoxesScaleWithThem() {
        OutputPreview.Picture p = (OutputPreview.Picture) OutputPreviews.annotated(red(400, 200),
                new Detections(List.of(new Detection("face", 0.9, 100, 50, 40, 20)), 400, 200), 100);
        assertThat(p.width()).isEqualTo(100);
        assertThat(p.height()).isEqualTo(50);
        assertThat(p.sourceWidth()).isEqualTo(400);
        assertThat(p.argb()[0] & 0xffffff).isEqualTo(0xff0000);
        assertThat(p.boxes()).singleElement().satisfies(b -> {
            assertThat(b.x()).isEqualTo(25.0);
            assertThat(b.y()).isEqualTo(12.5);
            assertThat(b.width()).isEqualTo(10.0);
        });
    }

    @Test
    void tablesBecomeTextCellsAndFailedItemsSayWhichAndWhy() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("item", "a.png");
        row.put("width", 12L);
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row);
        OutputPreview.Grid g = (OutputPreview.Grid) OutputPreviews.of(Table.ofRows(rows), 10);
        assertThat(g.columns()).containsExactly("item", "width");
        assertThat(g.rows()).containsExactly(List.of("a.png", "12"));

        ItemError bad = new ItemError("truncated.jpg", "check", "the file ends before the image does");
        OutputPreview.Items items = (OutputPreview.Items) OutputPreviews.of(List.of(red(4, 4), bad), 10);
        assertThat(items.items().get(1)).isEqualTo(new OutputPreview.Failure("truncated.jpg", "check",
                "the file ends before the image does"));
        assertThat(OutputPreviews.label(bad)).isEqualTo("✗ truncated.jpg: the file ends before the image does");
        assertThat(OutputPreviews.label(red(4, 3))).isEqualTo("red.png (4×3)");
        assertThat(OutputPreviews.problems(new NodeResult.Succeeded(Map.of(), 1, 2, List.of(bad))))
                .containsExactly(new ItemProblem("truncated.jpg", "check", "the file ends before the image does"));
    }

    @Test
    void filesOfPastRunsOpenAsTablesPicturesOrTextAndAGoneFileSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path csv = dir.resolve("report.csv");
        java.nio.file.Files.writeString(csv, "file,width\nastronaut.png,512\ncoffee.png,400\n");
        OutputPreview.Grid grid = (OutputPreview.Grid) OutputPreviews.ofFile(csv, 100);
        assertThat(grid.columns()).containsExactly("file", "width");
        assertThat(grid.rows()).containsExactly(List.of("astronaut.png", "512"), List.of("coffee.png", "400"));

        java.nio.file.Path png = dir.resolve("red.png");
        javax.imageio.ImageIO.write(red(40, 20).image(), "png", png.toFile());
        OutputPreview.Picture p = (OutputPreview.Picture) OutputPreviews.ofFile(png, 20);
        assertThat(p.width()).isEqualTo(20);
        assertThat(p.sourceWidth()).isEqualTo(40);
        assertThat(p.argb()[0] & 0xffffff).isEqualTo(0xff0000);

        java.nio.file.Path json = dir.resolve("answer.json");
        java.nio.file.Files.writeString(json, "{\"ok\":true}");
        assertThat(((OutputPreview.Text) OutputPreviews.ofFile(json, 20)).text()).contains("\"ok\" : true");

        OutputPreview gone = OutputPreviews.ofFile(dir.resolve("gone.csv"), 20);
        assertThat(((OutputPreview.Failure) gone).message()).startsWith("the file is gone");
        java.nio.file.Path broken = dir.resolve("broken.png");
        java.nio.file.Files.write(broken, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2});
        assertThat(OutputPreviews.ofFile(broken, 20)).isInstanceOf(OutputPreview.Failure.class);
    }
}

package dev.flowlens.runtime.inference.ocr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DbBoxesTest {
    private static void fill(float[] map, int w, int x0, int y0, int x1, int y1, float v) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                map[y * w + x] = v;
            }
        }
    }

    @Test
    void findsTwoSeparateLinesAndGrowsThemByTheUnclipDistance() {
        int w = 100;
        int h = 40;
        float[] map = new float[w * h];
        fill(map, w, 10, 5, 90, 9, 0.9f);
        fill(map, w, 10, 25, 50, 29, 0.8f);
        List<TextBox> boxes = new DbBoxes(0.3, 0.5, 1.5, 3).extract(map, w, h, 2.0, 2.0, 200, 80);
        assertThat(boxes).hasSize(2);
        TextBox first = boxes.get(0);
        // 80x4 kernel: d = 80*4*1.5 / (2*84) = 2.857; in the original image (x2): 2*(80+2d) by 2*(4+2d)
        assertThat(first.length()).isCloseTo(2 * (80 + 2 * 2.857), within(0.01));
        assertThat(first.thickness()).isCloseTo(2 * (4 + 2 * 2.857), within(0.01));
        assertThat(first.angle()).isCloseTo(0, within(1e-9));
        assertThat(first.centerX()).isCloseTo(100, within(1e-9));
        assertThat(first.centerY()).isCloseTo(14, within(1e-9));
        assertThat(first.score()).isCloseTo(0.9, within(1e-6));
        assertThat(boxes.get(1).score()).isCloseTo(0.8, within(1e-6));
    }

    @Test
    void fitsASlantedLine() {
        int w = 120;
        int h = 60;
        float[] map = new float[w * h];
        for (int x = 10; x < 110; x++) {
            int y = 10 + x / 5;
            fill(map, w, x, y, x + 1, y + 3, 0.9f);
        }
        TextBox b = new DbBoxes(0.3, 0.5, 1.5, 3).extract(map, w, h, 1, 1, w, h).get(0);
        assertThat(Math.toDegrees(b.angle())).isCloseTo(Math.toDegrees(Math.atan(0.2)), within(1.5));
        assertThat(b.thickness()).isLessThan(15);
    }

    @Test
    void dropsWeakAndTinyRegions() {
        int w = 50;
        int h = 20;
        float[] map = new float[w * h];
        fill(map, w, 5, 5, 45, 9, 0.4f);   // above the pixel threshold, below the box threshold
        fill(map, w, 2, 15, 4, 17, 0.95f); // 2x2: smaller than the minimum size
        assertThat(new DbBoxes(0.3, 0.5, 1.5, 3).extract(map, w, h, 1, 1, w, h)).isEmpty();
    }
}

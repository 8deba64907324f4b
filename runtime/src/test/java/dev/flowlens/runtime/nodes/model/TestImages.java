package dev.flowlens.runtime.nodes.model;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Sample images and text rendered with Java2D, shared by the model tests. */
final class TestImages {
    /** The sample images (scikit-image, see SOURCES.md there) that the images-report example ships. */
    static final Path SAMPLES = Path.of("..", "examples", "images-report", "images");

    private TestImages() {
    }

    static BufferedImage sample(String name) throws IOException {
        return ImageIO.read(SAMPLES.resolve(name).toFile());
    }

    /** Black text on white with a margin, in the given font family. */
    static BufferedImage render(String text, String family, int size) {
        Font font = new Font(family, Font.PLAIN, size);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int w = fm.stringWidth(text) + 2 * size;
        int h = fm.getHeight() + size;
        pg.dispose();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(font);
        g.drawString(text, size, size / 2 + fm.getAscent());
        g.dispose();
        return img;
    }

    static BufferedImage rotate180(BufferedImage src) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.rotate(Math.PI, src.getWidth() / 2.0, src.getHeight() / 2.0);
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    /** A font family that can draw Chinese (Debian: fonts-noto-cjk), if one is installed. */
    static Optional<String> cjkFont() {
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        return Arrays.stream(families)
                .filter(f -> f.contains("CJK") || f.contains("WenQuanYi") || f.contains("Droid Sans Fallback"))
                .filter(f -> new Font(f, Font.PLAIN, 12).canDisplayUpTo("错误代码") == -1)
                .sorted((a, b) -> Boolean.compare(!a.contains("Sans"), !b.contains("Sans")))
                .findFirst();
    }
}

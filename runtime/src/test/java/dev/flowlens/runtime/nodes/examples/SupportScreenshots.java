package dev.flowlens.runtime.nodes.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Renders the error-dialog screenshots of examples/support-screenshots (so they are reproducible and free
 * of anyone's licence): {@code java ... SupportScreenshots examples/support-screenshots/screenshots}.
 */
public final class SupportScreenshots {
    /** A dialog: file name, window title, headline, detail lines, button. */
    record Dialog(String file, String title, String headline, List<String> details, String button) {
    }

    static final List<Dialog> DIALOGS = List.of(
            new Dialog("update-access-denied.png", "Windows Update", "Error 0x80070005: Access is denied.",
                    List.of("Some updates could not be installed.", "Try again later or contact your administrator."),
                    "Close"),
            new Dialog("sync-timeout.png", "Acme Sync", "Connection timed out after 30 seconds",
                    List.of("Could not reach api.example.com on port 443.", "Check your network and proxy settings."),
                    "Retry"),
            new Dialog("report-out-of-memory.png", "Report Builder", "java.lang.OutOfMemoryError: Java heap space",
                    List.of("The report INV-2026-11-22 is too large to render.", "Increase the memory limit to 4 GB."),
                    "OK"));

    private SupportScreenshots() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "examples/support-screenshots/screenshots");
        Files.createDirectories(folder);
        for (Dialog d : DIALOGS) {
            ImageIO.write(render(d), "png", folder.resolve(d.file()).toFile());
        }
    }

    static BufferedImage render(Dialog d) {
        int w = 720;
        int h = 260;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x3a4a63), 0, h, new Color(0x1f2a3a)));
        g.fillRect(0, 0, w, h);
        // window
        g.setColor(new Color(0xf3f3f3));
        g.fillRoundRect(20, 16, w - 40, h - 32, 10, 10);
        g.setColor(new Color(0xdfe3e8));
        g.fillRect(20, 16, w - 40, 34);
        g.setColor(new Color(0x222222));
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, 15));
        g.drawString(d.title(), 36, 39);
        g.setColor(new Color(0xc42b1c));
        g.fillRect(w - 66, 16, 46, 34);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(2));
        g.drawLine(w - 49, 27, w - 37, 39);
        g.drawLine(w - 37, 27, w - 49, 39);
        // error icon
        g.setColor(new Color(0xd13438));
        g.fillOval(44, 74, 44, 44);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(58, 88, 74, 104);
        g.drawLine(74, 88, 58, 104);
        // text
        g.setColor(new Color(0x1a1a1a));
        g.setFont(new Font("DejaVu Sans", Font.BOLD, 19));
        g.drawString(d.headline(), 108, 92);
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, 16));
        int y = 126;
        for (String line : d.details()) {
            g.drawString(line, 108, y);
            y += 26;
        }
        // button
        g.setColor(new Color(0x0067c0));
        g.fillRoundRect(w - 160, h - 74, 110, 34, 6, 6);
        g.setColor(Color.WHITE);
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, 15));
        int bw = g.getFontMetrics().stringWidth(d.button());
        g.drawString(d.button(), w - 105 - bw / 2, h - 52);
        g.dispose();
        return img;
    }
}

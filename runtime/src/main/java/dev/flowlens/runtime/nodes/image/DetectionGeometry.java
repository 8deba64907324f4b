package dev.flowlens.runtime.nodes.image;

import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.value.Detection;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/** Shared by the detection helpers: boxes clipped to the image, padding, and the same-image check. */
final class DetectionGeometry {
    private DetectionGeometry() {
    }

    /** Detections found in an image of another size would land in the wrong place: refuse, saying both sizes. */
    static void checkSameImage(ImageValue image, Detections detections, NodeContext context) throws NodeFailure {
        if (detections.imageWidth() != image.width() || detections.imageHeight() != image.height()) {
            throw new NodeFailure(context.nodeLabel() + ": the detections were found in a " + detections.imageWidth()
                    + "x" + detections.imageHeight() + " image, but image " + image.name() + " is " + image.width()
                    + "x" + image.height() + "; wire the image the detector saw");
        }
    }

    /** The box grown by {@code paddingPercent} of its size on each side, clipped to the image; empty if outside. */
    static Rectangle box(Detection d, double paddingPercent, int width, int height) {
        double px = d.width() * paddingPercent / 100;
        double py = d.height() * paddingPercent / 100;
        int x0 = (int) Math.floor(Math.max(0, d.x() - px));
        int y0 = (int) Math.floor(Math.max(0, d.y() - py));
        int x1 = (int) Math.ceil(Math.min(width, d.x() + d.width() + px));
        int y1 = (int) Math.ceil(Math.min(height, d.y() + d.height() + py));
        return new Rectangle(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    static BufferedImage copyRgb(BufferedImage src) {
        int type = src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }
}

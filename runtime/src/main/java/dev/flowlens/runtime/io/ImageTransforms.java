package dev.flowlens.runtime.io;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Lossless quarter turns and mirrors. Pixels are moved as raw samples, so the image keeps its exact type
 * and values (a grey image stays grey, a 16-bit one 16-bit).
 */
public final class ImageTransforms {
    private ImageTransforms() {
    }

    /** Turns by {@code angle} degrees clockwise (0, 90, 180, 270), then mirrors ("none", "horizontal", "vertical"). */
    public static BufferedImage rotate(BufferedImage src, int angle, String flip) {
        if (angle != 0 && angle != 90 && angle != 180 && angle != 270) {
            throw new IllegalArgumentException("angle must be 0, 90, 180 or 270, got " + angle);
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = angle == 90 || angle == 270;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        ColorModel cm = src.getColorModel();
        WritableRaster target = cm.createCompatibleWritableRaster(ow, oh);
        Raster source = src.getRaster();
        Object pixel = null;
        boolean mirrorX = flip.equals("horizontal");
        boolean mirrorY = flip.equals("vertical");
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (angle) {
                    case 90 -> { tx = h - 1 - y; ty = x; }
                    case 180 -> { tx = w - 1 - x; ty = h - 1 - y; }
                    case 270 -> { tx = y; ty = w - 1 - x; }
                    default -> { tx = x; ty = y; }
                }
                if (mirrorX) {
                    tx = ow - 1 - tx;
                } else if (mirrorY) {
                    ty = oh - 1 - ty;
                }
                pixel = source.getDataElements(x, y, pixel);
                target.setDataElements(tx, ty, pixel);
            }
        }
        return new BufferedImage(cm, target, cm.isAlphaPremultiplied(), null);
    }

    /**
     * Applies an EXIF orientation (1 to 8), so a phone photo taken upright is upright: 6 is a quarter turn
     * clockwise, 8 counter-clockwise, 3 a half turn, 2/4/5/7 the mirrored variants.
     */
    public static BufferedImage applyExifOrientation(BufferedImage src, int orientation) {
        return switch (orientation) {
            case 2 -> rotate(src, 0, "horizontal");
            case 3 -> rotate(src, 180, "none");
            case 4 -> rotate(src, 0, "vertical");
            case 5 -> rotate(src, 90, "horizontal");
            case 6 -> rotate(src, 90, "none");
            case 7 -> rotate(src, 270, "horizontal");
            case 8 -> rotate(src, 270, "none");
            default -> src;
        };
    }
}

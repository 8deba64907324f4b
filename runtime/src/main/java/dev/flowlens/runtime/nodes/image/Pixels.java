package dev.flowlens.runtime.nodes.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Pixel operations the image nodes share: a normalised working copy and good-quality scaling. */
final class Pixels {
    private Pixels() {
    }

    /** The image in 8-bit (A)RGB, the form every operation here works on; the image itself when it already is. */
    static BufferedImage rgb(BufferedImage src) {
        int type = src.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (src.getType() == type) {
            return src;
        }
        if (isPlainGray(src)) {
            return grayToRgb(src);
        }
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(src, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Grey images (one band, no alpha) are copied level for level: going through Java2D converts them from
     * a linear grey colour space and brightens them, which would change every statistic measured later.
     */
    /** One row as packed (A)RGB ints, without copying the whole image; grey levels are kept exact. */
    static void row(BufferedImage src, int y, int[] samples, int[] out) {
        int w = src.getWidth();
        if (isPlainGray(src)) {
            src.getRaster().getSamples(0, y, w, 1, 0, samples);
            int bits = src.getColorModel().getComponentSize(0);
            int max = (1 << bits) - 1;
            for (int x = 0; x < w; x++) {
                int v = bits == 8 ? samples[x] : Math.round(samples[x] * 255f / max);
                out[x] = 0xff000000 | (v << 16) | (v << 8) | v;
            }
        } else {
            src.getRGB(0, y, w, 1, out, 0, w);
        }
    }

    private static boolean isPlainGray(BufferedImage src) {
        return src.getRaster().getNumBands() == 1 && !src.getColorModel().hasAlpha()
                && src.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && src.getColorModel().getComponentSize(0) <= 16;
    }

    private static BufferedImage grayToRgb(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        int bits = src.getColorModel().getComponentSize(0);
        int max = (1 << bits) - 1;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] samples = new int[w];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            src.getRaster().getSamples(0, y, w, 1, 0, samples);
            for (int x = 0; x < w; x++) {
                int v = bits == 8 ? samples[x] : Math.round(samples[x] * 255f / max);
                row[x] = (v << 16) | (v << 8) | v;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /**
     * Scales to exactly {@code w}x{@code h}. Large reductions go in halving steps with bilinear filtering
     * (one bicubic step from far away skips pixels and aliases); the last step is bicubic.
     */
    static BufferedImage scale(BufferedImage src, int w, int h) {
        BufferedImage current = rgb(src);
        int cw = current.getWidth();
        int ch = current.getHeight();
        while (cw / 2 >= w && ch / 2 >= h) {
            cw /= 2;
            ch /= 2;
            current = draw(current, cw, ch, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (cw != w || ch != h) {
            current = draw(current, w, h, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        }
        return current == src ? copy(src) : current;
    }

    static BufferedImage copy(BufferedImage src) {
        BufferedImage c = rgb(src);
        if (c != src) {
            return c;
        }
        return draw(src, src.getWidth(), src.getHeight(), RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h, Object interpolation) {
        BufferedImage out = new BufferedImage(w, h, src.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}

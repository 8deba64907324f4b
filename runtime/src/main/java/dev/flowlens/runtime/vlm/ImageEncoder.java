package dev.flowlens.runtime.vlm;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns an image into the base64 {@code data:} URI of an {@code image_url} part: downscaled so its longer side
 * is at most {@code maxSide} (servers resize anyway; sending less is faster and cheaper), re-encoded as JPEG,
 * or PNG when the image has transparency or PNG is asked for.
 */
public final class ImageEncoder {
    /** auto = PNG for images with an alpha channel, JPEG otherwise. */
    public enum Format { AUTO, JPEG, PNG }

    public static final float JPEG_QUALITY = 0.9f;

    /** What was sent: the URI and the size and encoding the server saw. */
    public record EncodedImage(String dataUri, int width, int height, String mimeType, int bytes) {
    }

    private ImageEncoder() {
    }

    public static EncodedImage encode(BufferedImage source, int maxSide, Format format) {
        int w = source.getWidth();
        int h = source.getHeight();
        double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        boolean png = format == Format.PNG || format == Format.AUTO && source.getColorModel().hasAlpha();
        BufferedImage scaled = scale < 1.0 ? downscale(source, tw, th, png) : source;
        byte[] bytes = png ? writePng(scaled) : writeJpeg(toRgb(scaled));
        String mime = png ? "image/png" : "image/jpeg";
        return new EncodedImage("data:" + mime + ";base64," + Base64.getEncoder().encodeToString(bytes), tw, th, mime,
                bytes.length);
    }

    /** Halves with bilinear filtering until close, then one last bilinear step: close to area averaging, fast. */
    private static BufferedImage downscale(BufferedImage source, int tw, int th, boolean keepAlpha) {
        int type = keepAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = source;
        int cw = source.getWidth();
        int ch = source.getHeight();
        while (cw / 2 >= tw && ch / 2 >= th) {
            cw /= 2;
            ch /= 2;
            current = draw(current, cw, ch, type);
        }
        return cw == tw && ch == th ? current : draw(current, tw, th, type);
    }

    private static BufferedImage draw(BufferedImage src, int w, int h, int type) {
        BufferedImage out = new BufferedImage(w, h, type);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (type == BufferedImage.TYPE_INT_RGB) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, w, h);
            }
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * JPEG has no alpha and the JDK writer refuses odd colour models: flatten onto white RGB. Grey images
     * stay grey (a third of the bytes; servers convert them).
     */
    private static BufferedImage toRgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB || img.getType() == BufferedImage.TYPE_3BYTE_BGR
                || img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return img;
        }
        return draw(img, img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    }

    private static byte[] writeJpeg(BufferedImage img) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory cannot fail", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] writePng(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                ImageIO.write(draw(img, img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_ARGB), "png", out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}

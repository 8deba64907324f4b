package dev.flowlens.runtime.io;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** A decoded image file: the pixels, the format it was in ("png", "jpeg", ...) and the file's size. */
public record LoadedImage(Path file, BufferedImage image, String format, long bytes) {
    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}

package dev.flowlens.runtime.value;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An image flowing between nodes, with the name it is reported under (the file name it came from) and,
 * when it was loaded from disk, that file. Nodes never modify an input image; they make a new one.
 */
public record ImageValue(BufferedImage image, String name, Path source) {
    public ImageValue {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(name, "name");
    }

    public static ImageValue of(BufferedImage image, String name) {
        return new ImageValue(image, name, null);
    }

    /** The same item with new pixels: the name and source stay, so reports can still say which file it was. */
    public ImageValue withImage(BufferedImage newImage) {
        return new ImageValue(newImage, name, source);
    }

    public Optional<Path> sourceFile() {
        return Optional.ofNullable(source);
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }

    @Override
    public String toString() {
        return "Image " + name + " " + width() + "x" + height();
    }
}

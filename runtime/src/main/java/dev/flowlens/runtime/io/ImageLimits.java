package dev.flowlens.runtime.io;

/**
 * How large an image may be before it is decoded. Checked against the size in the file's header, so a
 * "decompression bomb" (a small file that claims 50000x50000 pixels) is refused without allocating it.
 */
public record ImageLimits(double maxMegapixels) {
    public static final ImageLimits DEFAULT = new ImageLimits(100);

    public ImageLimits {
        if (!(maxMegapixels > 0)) {
            throw new IllegalArgumentException("maxMegapixels must be positive, got " + maxMegapixels);
        }
    }
}

package dev.flowlens.runtime.inference.ocr;

/**
 * A text region: a rotated rectangle (centre, length along the reading direction, thickness across it,
 * angle in radians, clockwise in image coordinates) and its axis-aligned bounding box for reports, both in
 * pixel coordinates of the original image, with the detector's mean probability inside.
 */
public record TextBox(double centerX, double centerY, double length, double thickness, double angle, double score,
                      int x, int y, int width, int height) {
    public TextBox {
        if (!(length > 0) || !(thickness > 0)) {
            throw new IllegalArgumentException("a text box needs a positive size, got " + length + "x" + thickness);
        }
    }

    /** An upright box (tests, and detectors that only give upright boxes). */
    public static TextBox upright(int x, int y, int width, int height, double score) {
        return new TextBox(x + width / 2.0, y + height / 2.0, width, height, 0, score, x, y, width, height);
    }
}

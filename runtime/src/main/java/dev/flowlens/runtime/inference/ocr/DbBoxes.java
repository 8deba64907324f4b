package dev.flowlens.runtime.inference.ocr;

import java.util.ArrayList;
import java.util.List;

/**
 * Text boxes from a DB (differentiable binarisation) probability map, after PaddleOCR's DBPostProcess:
 * threshold the map, take each connected region, fit a rotated rectangle to it (principal axis of its
 * pixels, like OpenCV's minAreaRect for line-shaped regions), drop weak or tiny ones, and grow the
 * rectangle by the "unclip" distance {@code area * ratio / perimeter}, since DB learns shrunk text kernels.
 * The rotated rectangle lets slanted or slightly curved lines of a photographed page be cut out one by one.
 */
public final class DbBoxes {
    private final double threshold;
    private final double boxThreshold;
    private final double unclipRatio;
    private final int minSize;

    public DbBoxes(double threshold, double boxThreshold, double unclipRatio, int minSize) {
        this.threshold = threshold;
        this.boxThreshold = boxThreshold;
        this.unclipRatio = unclipRatio;
        this.minSize = minSize;
    }

    /** PaddleOCR's defaults for PP-OCRv4 (thresh 0.3, box_thresh 0.5, unclip 1.5, min size 3). */
    public static DbBoxes defaults() {
        return new DbBoxes(0.3, 0.5, 1.5, 3);
    }

    /**
     * Boxes in the coordinates of the original image.
     *
     * @param prob    the probability map, row-major, {@code mapWidth * mapHeight} values
     * @param scaleX  original width / map width
     * @param scaleY  original height / map height
     */
    public List<TextBox> extract(float[] prob, int mapWidth, int mapHeight, double scaleX, double scaleY,
                                 int imageWidth, int imageHeight) {
        if (prob.length != mapWidth * mapHeight) {
            throw new IllegalArgumentException("probability map has " + prob.length + " values, expected "
                    + mapWidth + "x" + mapHeight);
        }
        boolean[] seen = new boolean[prob.length];
        int[] stack = new int[prob.length];
        int[] members = new int[prob.length];
        List<TextBox> boxes = new ArrayList<>();
        for (int start = 0; start < prob.length; start++) {
            if (prob[start] <= threshold || seen[start]) {
                continue;
            }
            int count = 0;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            double sx = 0;
            double sy = 0;
            double sp = 0;
            while (top > 0) {
                int p = stack[--top];
                members[count++] = p;
                int px = p % mapWidth;
                int py = p / mapWidth;
                sx += px;
                sy += py;
                sp += prob[p];
                // 8-connected, like OpenCV's findContours on the bitmap.
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = py + dy;
                    if (ny < 0 || ny >= mapHeight) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = px + dx;
                        if (nx < 0 || nx >= mapWidth) {
                            continue;
                        }
                        int q = ny * mapWidth + nx;
                        if (!seen[q] && prob[q] > threshold) {
                            seen[q] = true;
                            stack[top++] = q;
                        }
                    }
                }
            }
            double score = sp / count;
            if (count < minSize * minSize || score < boxThreshold) {
                continue;
            }
            TextBox box = fit(members, count, sx / count, sy / count, mapWidth, score, scaleX, scaleY,
                    imageWidth, imageHeight);
            if (box != null) {
                boxes.add(box);
            }
        }
        return boxes;
    }

    private TextBox fit(int[] members, int count, double mx, double my, int mapWidth, double score, double scaleX,
                        double scaleY, int imageWidth, int imageHeight) {
        double cxx = 0;
        double cyy = 0;
        double cxy = 0;
        for (int i = 0; i < count; i++) {
            double dx = members[i] % mapWidth - mx;
            double dy = members[i] / mapWidth - my;
            cxx += dx * dx;
            cyy += dy * dy;
            cxy += dx * dy;
        }
        double angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
        double ux = Math.cos(angle);
        double uy = Math.sin(angle);
        double minU = Double.MAX_VALUE;
        double maxU = -Double.MAX_VALUE;
        double minV = Double.MAX_VALUE;
        double maxV = -Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            double dx = members[i] % mapWidth - mx;
            double dy = members[i] / mapWidth - my;
            double u = dx * ux + dy * uy;
            double v = -dx * uy + dy * ux;
            minU = Math.min(minU, u);
            maxU = Math.max(maxU, u);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        // Pixels are unit squares: the region reaches half a pixel past the outermost centres.
        double length = maxU - minU + 1;
        double thickness = maxV - minV + 1;
        if (Math.min(length, thickness) < minSize) {
            return null;
        }
        double d = length * thickness * unclipRatio / (2 * (length + thickness));
        double midU = (minU + maxU) / 2;
        double midV = (minV + maxV) / 2;
        // Centre in map coordinates (pixel centres sit at +0.5).
        double cx = mx + 0.5 + midU * ux - midV * uy;
        double cy = my + 0.5 + midU * uy + midV * ux;
        double hl = length / 2 + d;
        double ht = thickness / 2 + d;
        double[][] corners = new double[4][];
        int[][] signs = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
        for (int k = 0; k < 4; k++) {
            double px = cx + signs[k][0] * hl * ux - signs[k][1] * ht * uy;
            double py = cy + signs[k][0] * hl * uy + signs[k][1] * ht * ux;
            corners[k] = new double[] {px * scaleX, py * scaleY};
        }
        double ocx = cx * scaleX;
        double ocy = cy * scaleY;
        double oLength = Math.hypot(corners[1][0] - corners[0][0], corners[1][1] - corners[0][1]);
        double oThick = Math.hypot(corners[3][0] - corners[0][0], corners[3][1] - corners[0][1]);
        double oAngle = Math.atan2(corners[1][1] - corners[0][1], corners[1][0] - corners[0][0]);
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (double[] c : corners) {
            x0 = Math.min(x0, c[0]);
            y0 = Math.min(y0, c[1]);
            x1 = Math.max(x1, c[0]);
            y1 = Math.max(y1, c[1]);
        }
        int bx = clamp((int) Math.floor(x0), 0, imageWidth - 1);
        int by = clamp((int) Math.floor(y0), 0, imageHeight - 1);
        int bx1 = clamp((int) Math.ceil(x1), bx + 1, imageWidth);
        int by1 = clamp((int) Math.ceil(y1), by + 1, imageHeight);
        if (Math.min(oLength, oThick) < minSize + 2) {
            return null;
        }
        return new TextBox(ocx, ocy, oLength, oThick, oAngle, score, bx, by, bx1 - bx, by1 - by);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

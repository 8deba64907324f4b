package dev.flowlens.runtime.inference.face;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.flowlens.runtime.inference.DeviceChoice;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.inference.InferenceException;
import dev.flowlens.runtime.inference.LoadedModel;
import dev.flowlens.runtime.inference.ModelCache;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * MediaPipe BlazeFace short-range (front camera, 128x128) as converted for Barracuda: input NHWC RGB in
 * [-1, 1]; outputs scores and boxes for two anchor layers (16x16 cells x 2 anchors, 8x8 cells x 6 anchors:
 * 896 in all). Each box is 16 numbers: centre offset, size, and six landmark offsets, in input pixels
 * relative to the anchor's centre. Overlapping detections are blended by score (MediaPipe's weighted NMS).
 */
public final class BlazeFace {
    static final int SIZE = 128;
    static final double IOU_THRESHOLD = 0.3;

    private final LoadedModel model;

    private BlazeFace(LoadedModel model) {
        this.model = model;
    }

    public static BlazeFace load(String modelId, Path onnx, DeviceChoice device, ModelCache cache)
            throws InferenceException {
        return new BlazeFace(cache.load(modelId, onnx, Engines.ONNX_RUNTIME, device, Map.of()));
    }

    public String device() {
        return model.device().describe();
    }

    /** Faces scoring at least {@code threshold}, best first. */
    public List<Face> detect(BufferedImage image, double threshold) throws InferenceException {
        return detectReporting(image, threshold).value();
    }

    /** As {@link #detect}, with the device that ran it (the CPU, and why, when the GPU had no memory for it). */
    public LoadedModel.Ran<List<Face>> detectReporting(BufferedImage image, double threshold)
            throws InferenceException {
        int w = image.getWidth();
        int h = image.getHeight();
        // Letterbox: keep the aspect ratio, pad the short side, as MediaPipe does.
        double scale = (double) SIZE / Math.max(w, h);
        int sw = Math.max(1, (int) Math.round(w * scale));
        int sh = Math.max(1, (int) Math.round(h * scale));
        int ox = (SIZE - sw) / 2;
        int oy = (SIZE - sh) / 2;
        BufferedImage input = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = input.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, SIZE, SIZE);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, ox, oy, sw, sh, null);
        g.dispose();
        int[] rgb = input.getRGB(0, 0, SIZE, SIZE, null, 0, SIZE);
        float[] nhwc = new float[SIZE * SIZE * 3];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            nhwc[3 * i] = ((p >> 16) & 0xff) / 127.5f - 1f;
            nhwc[3 * i + 1] = ((p >> 8) & 0xff) / 127.5f - 1f;
            nhwc[3 * i + 2] = (p & 0xff) / 127.5f - 1f;
        }
        LoadedModel.Ran<List<Face>> ran = model.runReporting((predictor, manager) -> {
            NDList out = predictor.predict(new NDList(manager.create(nhwc, new Shape(1, SIZE, SIZE, 3))));
            if (out.size() != 4) {
                throw new InferenceException("the face model returned " + out.size() + " outputs, expected 4"
                        + " (scores and boxes of two anchor layers): is this BlazeFace front-128?");
            }
            // Output order is not guaranteed across converters: tell the four apart by size.
            List<Face> faces = new ArrayList<>();
            decode(bySize(out, 512), bySize(out, 512 * 16), 16, 2, threshold, faces);
            decode(bySize(out, 384), bySize(out, 384 * 16), 8, 6, threshold, faces);
            return faces;
        });
        List<Face> blended = weightedNms(ran.value());
        List<Face> result = new ArrayList<>(blended.size());
        for (Face f : blended) {
            result.add(toImage(f, scale, ox, oy, w, h));
        }
        return new LoadedModel.Ran<>(result, ran.device());
    }

    private static NDArray bySize(NDList out, long size) throws InferenceException {
        for (NDArray a : out) {
            if (a.size() == size) {
                return a;
            }
        }
        List<String> shapes = new ArrayList<>();
        out.forEach(a -> shapes.add(a.getShape().toString()));
        throw new InferenceException("the face model's outputs " + shapes + " have none of " + size
                + " values: is this BlazeFace front-128 (896 anchors)?");
    }

    private static void decode(NDArray scores, NDArray boxes, int cells, int anchors, double threshold,
                               List<Face> into) throws InferenceException {
        float[] s = scores.toFloatArray();
        float[] b = boxes.toFloatArray();
        int n = cells * cells * anchors;
        if (s.length != n || b.length != n * 16) {
            throw new InferenceException("the face model's outputs have shapes " + scores.getShape() + " and "
                    + boxes.getShape() + ", expected " + n + " scores and " + n + "x16 boxes");
        }
        for (int i = 0; i < n; i++) {
            double score = 1 / (1 + Math.exp(-s[i]));
            if (score < threshold) {
                continue;
            }
            int cell = i / anchors;
            double ax = (cell % cells + 0.5) / cells;
            double ay = (cell / cells + 0.5) / cells;
            int o = i * 16;
            double cx = ax + b[o] / SIZE;
            double cy = ay + b[o + 1] / SIZE;
            double fw = b[o + 2] / SIZE;
            double fh = b[o + 3] / SIZE;
            List<double[]> marks = new ArrayList<>(6);
            for (int k = 0; k < 6; k++) {
                marks.add(new double[] {ax + b[o + 4 + 2 * k] / SIZE, ay + b[o + 5 + 2 * k] / SIZE});
            }
            into.add(new Face(cx - fw / 2, cy - fh / 2, fw, fh, score, marks));
        }
    }

    /** MediaPipe's weighted non-maximum suppression: overlapping boxes are averaged, weighted by score. */
    static List<Face> weightedNms(List<Face> faces) {
        List<Face> remaining = new ArrayList<>(faces);
        remaining.sort(Comparator.comparingDouble(Face::score).reversed());
        List<Face> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Face best = remaining.get(0);
            List<Face> group = new ArrayList<>();
            List<Face> rest = new ArrayList<>();
            for (Face f : remaining) {
                (iou(best, f) >= IOU_THRESHOLD ? group : rest).add(f);
            }
            double total = 0;
            double x = 0;
            double y = 0;
            double w = 0;
            double h = 0;
            double[][] marks = new double[6][2];
            for (Face f : group) {
                double s = f.score();
                total += s;
                x += f.x() * s;
                y += f.y() * s;
                w += f.width() * s;
                h += f.height() * s;
                for (int k = 0; k < 6; k++) {
                    marks[k][0] += f.landmarks().get(k)[0] * s;
                    marks[k][1] += f.landmarks().get(k)[1] * s;
                }
            }
            List<double[]> lm = new ArrayList<>();
            for (double[] m : marks) {
                lm.add(new double[] {m[0] / total, m[1] / total});
            }
            out.add(new Face(x / total, y / total, w / total, h / total, best.score(), lm));
            remaining = rest;
        }
        return out;
    }

    static double iou(Face a, Face b) {
        double ix = Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
        double inter = ix * iy;
        double union = a.width() * a.height() + b.width() * b.height() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** From the 0..1 letterboxed input back to the original image's pixels, clipped to the image. */
    private static Face toImage(Face f, double scale, int ox, int oy, int w, int h) {
        double x0 = clamp((f.x() * SIZE - ox) / scale, w);
        double y0 = clamp((f.y() * SIZE - oy) / scale, h);
        double x1 = clamp(((f.x() + f.width()) * SIZE - ox) / scale, w);
        double y1 = clamp(((f.y() + f.height()) * SIZE - oy) / scale, h);
        List<double[]> marks = new ArrayList<>();
        for (double[] m : f.landmarks()) {
            marks.add(new double[] {(m[0] * SIZE - ox) / scale, (m[1] * SIZE - oy) / scale});
        }
        return new Face(x0, y0, x1 - x0, y1 - y0, f.score(), marks);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}

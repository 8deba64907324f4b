package dev.flowlens.runtime.inference.ocr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.flowlens.runtime.inference.DeviceChoice;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.inference.InferenceException;
import dev.flowlens.runtime.inference.LoadedModel;
import dev.flowlens.runtime.inference.ModelCache;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * PP-OCRv4 in three stages: DB text detection, a 0°/180° angle classifier per line, and CTC recognition,
 * each an ONNX model on DJL's OnnxRuntime engine taken from the {@link ModelCache}. Thread-safe: the models
 * are shared, predictors are per thread.
 */
public final class PaddleOcr {
    /**
     * PaddleOCR's detector sizing (det_limit_side_len 960, limit type max): larger images shrink so the
     * longer side is 960; smaller ones keep their size (enlarging small scans made the recogniser drop
     * spaces on the sample page).
     */
    static final int DET_MAX_SIDE = 960;
    static final int REC_HEIGHT = 48;
    static final int REC_MIN_WIDTH = 320;
    static final int CLS_WIDTH = 192;
    static final int REC_BATCH = 6;
    private static final float[] DET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] DET_STD = {0.229f, 0.224f, 0.225f};

    private final LoadedModel detector;
    private final LoadedModel classifier;
    private final LoadedModel recognizer;
    private final CtcDecoder decoder;
    private final DbBoxes boxes = DbBoxes.defaults();

    private PaddleOcr(LoadedModel detector, LoadedModel classifier, LoadedModel recognizer, CtcDecoder decoder) {
        this.detector = detector;
        this.classifier = classifier;
        this.recognizer = recognizer;
        this.decoder = decoder;
    }

    /** Loads (or takes from the cache) the three models on the device asked for. */
    public static PaddleOcr load(OcrModelFiles files, DeviceChoice device, ModelCache cache) throws InferenceException {
        CtcDecoder decoder;
        try (InputStream in = Files.newInputStream(files.keys())) {
            decoder = CtcDecoder.fromKeyFile(in);
        } catch (IOException e) {
            throw new InferenceException("could not read the OCR key file " + files.keys() + ": " + e.getMessage(), e);
        }
        String id = files.modelId();
        LoadedModel det = cache.load(id + "/det", files.detector(), Engines.ONNX_RUNTIME, device, Map.of());
        LoadedModel cls = cache.load(id + "/cls", files.classifier(), Engines.ONNX_RUNTIME, device, Map.of());
        LoadedModel rec = cache.load(id + "/rec", files.recognizer(), Engines.ONNX_RUNTIME, device, Map.of());
        return new PaddleOcr(det, cls, rec, decoder);
    }

    /** "cpu (OnnxRuntime 1.21.1)": where this OCR runs. */
    public String device() {
        return detector.device().describe();
    }

    /** Reads every line in the image; lines below {@code minConfidence} are left out. */
    public OcrResult read(BufferedImage source, double minConfidence) throws InferenceException {
        BufferedImage image = toRgb(source);
        long t0 = System.nanoTime();
        LoadedModel.Ran<List<TextBox>> detected = detectReporting(image);
        List<TextBox> found = detected.value();
        long t1 = System.nanoTime();
        List<BufferedImage> crops = new ArrayList<>(found.size());
        for (TextBox b : found) {
            BufferedImage crop = crop(image, b);
            // Tall narrow crops are vertical text: PaddleOCR turns them a quarter to the left.
            crops.add(crop.getHeight() >= crop.getWidth() * 1.5 ? rotate90Left(crop) : crop);
        }
        boolean[] flipped = classify(crops);
        // The small angle classifier is sometimes sure of a wrong answer on a line squeezed between
        // neighbours: a line it calls upside down is read both ways and the more confident reading wins.
        List<BufferedImage> toRead = new ArrayList<>(crops);
        List<Integer> doubtful = new ArrayList<>();
        for (int i = 0; i < crops.size(); i++) {
            if (flipped[i]) {
                toRead.set(i, rotate180(crops.get(i)));
                toRead.add(crops.get(i));
                doubtful.add(i);
            }
        }
        long t2 = System.nanoTime();
        List<CtcDecoder.Decoded> texts = new ArrayList<>(recognize(toRead));
        for (int k = 0; k < doubtful.size(); k++) {
            int i = doubtful.get(k);
            CtcDecoder.Decoded asIs = texts.get(crops.size() + k);
            if (asIs.confidence() > texts.get(i).confidence()) {
                texts.set(i, asIs);
                flipped[i] = false;
            }
        }
        long t3 = System.nanoTime();
        List<OcrLine> lines = new ArrayList<>();
        int upsideDown = 0;
        for (int i = 0; i < found.size(); i++) {
            CtcDecoder.Decoded d = texts.get(i);
            if (d.text().isEmpty() || d.confidence() < minConfidence) {
                continue;
            }
            lines.add(new OcrLine(d.text(), d.confidence(), found.get(i), flipped[i]));
            if (flipped[i]) {
                upsideDown++;
            }
        }
        sortReadingOrder(lines, upsideDown * 2 > lines.size());
        // The detector's device: the CPU, and why, when the GPU had no memory for this image.
        return new OcrResult(lines, detected.device(), ms(t0, t1), ms(t1, t2), ms(t2, t3));
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    List<TextBox> detect(BufferedImage image) throws InferenceException {
        return detectReporting(image).value();
    }

    private LoadedModel.Ran<List<TextBox>> detectReporting(BufferedImage image) throws InferenceException {
        int w = image.getWidth();
        int h = image.getHeight();
        double ratio = detScale(w, h);
        int dw = Math.max(32, (int) Math.round(w * ratio / 32.0) * 32);
        int dh = Math.max(32, (int) Math.round(h * ratio / 32.0) * 32);
        BufferedImage resized = resize(image, dw, dh);
        float[] chw = new float[3 * dw * dh];
        int[] rgb = resized.getRGB(0, 0, dw, dh, null, 0, dw);
        int plane = dw * dh;
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            // BGR order, as the Paddle models were trained on OpenCV images.
            chw[i] = ((p & 0xff) / 255f - DET_MEAN[0]) / DET_STD[0];
            chw[plane + i] = (((p >> 8) & 0xff) / 255f - DET_MEAN[1]) / DET_STD[1];
            chw[2 * plane + i] = (((p >> 16) & 0xff) / 255f - DET_MEAN[2]) / DET_STD[2];
        }
        LoadedModel.Ran<float[]> ran = detector.runReporting((predictor, manager) -> {
            NDArray x = manager.create(chw, new Shape(1, 3, dh, dw));
            NDList out = predictor.predict(new NDList(x));
            NDArray map = out.singletonOrThrow();
            long[] shape = map.getShape().getShape();
            if (shape[shape.length - 1] != dw || shape[shape.length - 2] != dh) {
                throw new InferenceException("the text detector returned a map of shape " + map.getShape()
                        + ", expected [1, 1, " + dh + ", " + dw + "]: is this a PaddleOCR DB model?");
            }
            return map.toFloatArray();
        });
        return new LoadedModel.Ran<>(boxes.extract(ran.value(), dw, dh, (double) w / dw, (double) h / dh, w, h),
                ran.device());
    }

    static double detScale(int w, int h) {
        return Math.max(w, h) > DET_MAX_SIDE ? (double) DET_MAX_SIDE / Math.max(w, h) : 1.0;
    }

    boolean[] classify(List<BufferedImage> crops) throws InferenceException {
        boolean[] flipped = new boolean[crops.size()];
        if (crops.isEmpty()) {
            return flipped;
        }
        int n = crops.size();
        float[] batch = new float[n * 3 * REC_HEIGHT * CLS_WIDTH];
        for (int i = 0; i < n; i++) {
            fillNormalized(crops.get(i), batch, i * 3 * REC_HEIGHT * CLS_WIDTH, CLS_WIDTH);
        }
        float[] probs = classifier.run((predictor, manager) -> {
            NDArray x = manager.create(batch, new Shape(n, 3, REC_HEIGHT, CLS_WIDTH));
            return predictor.predict(new NDList(x)).singletonOrThrow().toFloatArray();
        });
        if (probs.length != 2 * n) {
            throw new InferenceException("the angle classifier returned " + probs.length + " values for " + n
                    + " lines, expected 2 per line (0° and 180°)");
        }
        for (int i = 0; i < n; i++) {
            flipped[i] = probs[2 * i + 1] > probs[2 * i] && probs[2 * i + 1] > 0.9f;
        }
        return flipped;
    }

    List<CtcDecoder.Decoded> recognize(List<BufferedImage> crops) throws InferenceException {
        List<CtcDecoder.Decoded> results = new ArrayList<>(crops.size());
        for (int i = 0; i < crops.size(); i++) {
            results.add(null);
        }
        // Batches of similar width waste less padding.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < crops.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> aspect(crops.get(i))));
        for (int start = 0; start < order.size(); start += REC_BATCH) {
            List<Integer> part = order.subList(start, Math.min(order.size(), start + REC_BATCH));
            double maxRatio = (double) REC_MIN_WIDTH / REC_HEIGHT;
            for (int i : part) {
                maxRatio = Math.max(maxRatio, aspect(crops.get(i)));
            }
            int width = (int) Math.ceil(REC_HEIGHT * maxRatio);
            int n = part.size();
            int per = 3 * REC_HEIGHT * width;
            float[] batch = new float[n * per];
            for (int k = 0; k < n; k++) {
                fillNormalized(crops.get(part.get(k)), batch, k * per, width);
            }
            int classes = decoder.classCount();
            float[][] holder = new float[1][];
            long[] steps = new long[1];
            recognizer.run((predictor, manager) -> {
                NDArray x = manager.create(batch, new Shape(n, 3, REC_HEIGHT, width));
                NDArray y = predictor.predict(new NDList(x)).singletonOrThrow();
                long[] shape = y.getShape().getShape();
                if (shape.length != 3 || shape[2] != classes) {
                    throw new InferenceException("the recogniser returned shape " + y.getShape() + ", expected [" + n
                            + ", steps, " + classes + "] for a key file of " + (classes - 2)
                            + " characters: do the recogniser and the key file belong together?");
                }
                steps[0] = shape[1];
                holder[0] = y.toFloatArray();
                return null;
            });
            int t = (int) steps[0];
            for (int k = 0; k < n; k++) {
                results.set(part.get(k), decoder.decode(holder[0], k * t * classes, t));
            }
        }
        return results;
    }

    private static double aspect(BufferedImage img) {
        return (double) img.getWidth() / img.getHeight();
    }

    /** Resizes to height 48 keeping the aspect (at most {@code width}), normalises to [-1, 1] in BGR, pads with 0. */
    static void fillNormalized(BufferedImage crop, float[] into, int offset, int width) {
        int rw = Math.min(width, Math.max(1, (int) Math.ceil(REC_HEIGHT * aspect(crop))));
        BufferedImage r = resize(crop, rw, REC_HEIGHT);
        int[] rgb = r.getRGB(0, 0, rw, REC_HEIGHT, null, 0, rw);
        int plane = REC_HEIGHT * width;
        for (int y = 0; y < REC_HEIGHT; y++) {
            for (int x = 0; x < rw; x++) {
                int p = rgb[y * rw + x];
                int at = offset + y * width + x;
                into[at] = (p & 0xff) / 127.5f - 1f;
                into[at + plane] = ((p >> 8) & 0xff) / 127.5f - 1f;
                into[at + 2 * plane] = ((p >> 16) & 0xff) / 127.5f - 1f;
            }
        }
    }

    /** Rows top to bottom, left to right within a row; reversed when most lines were upside down. */
    static void sortReadingOrder(List<OcrLine> lines, boolean upsideDownPage) {
        lines.sort(Comparator.comparingDouble((OcrLine l) -> l.box().centerY()));
        List<List<OcrLine>> rows = new ArrayList<>();
        for (OcrLine l : lines) {
            List<OcrLine> row = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (row != null && sameRow(row.get(0).box(), l.box())) {
                row.add(l);
            } else {
                rows.add(new ArrayList<>(List.of(l)));
            }
        }
        lines.clear();
        if (upsideDownPage) {
            java.util.Collections.reverse(rows);
        }
        for (List<OcrLine> row : rows) {
            Comparator<OcrLine> byX = Comparator.comparingDouble(l -> l.box().centerX());
            row.sort(upsideDownPage ? byX.reversed() : byX);
            lines.addAll(row);
        }
    }

    static boolean sameRow(TextBox a, TextBox b) {
        return Math.abs(a.centerY() - b.centerY()) < Math.min(a.thickness(), b.thickness()) / 2.0;
    }

    static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        BufferedImage rgb = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        // Transparent pixels become white, as on a page or a screen.
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, src.getWidth(), src.getHeight());
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return rgb;
    }

    static BufferedImage resize(BufferedImage src, int w, int h) {
        if (src.getWidth() == w && src.getHeight() == h) {
            return src;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** Cuts the rotated rectangle out of the image, turned upright (PaddleOCR's perspective crop, for rectangles). */
    static BufferedImage crop(BufferedImage image, TextBox b) {
        int w = Math.max(1, (int) Math.round(b.length()));
        int h = Math.max(1, (int) Math.round(b.thickness()));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.translate(w / 2.0, h / 2.0);
        g.rotate(-b.angle());
        g.translate(-b.centerX(), -b.centerY());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    static BufferedImage rotate180(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(w - 1 - x, h - 1 - y, src.getRGB(x, y));
            }
        }
        return out;
    }

    private static BufferedImage rotate90Left(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(y, w - 1 - x, src.getRGB(x, y));
            }
        }
        return out;
    }
}

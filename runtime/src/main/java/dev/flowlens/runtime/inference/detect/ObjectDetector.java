package dev.flowlens.runtime.inference.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.inference.DeviceChoice;
import dev.flowlens.runtime.inference.InferenceException;
import dev.flowlens.runtime.inference.LoadedModel;
import dev.flowlens.runtime.inference.ModelCache;
import dev.flowlens.runtime.value.Detection;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A detector from the store. The image is fitted to the model's input size (letterboxed with grey padding for
 * the YOLO formats, as Ultralytics does; stretched for SSD; the manifest's {@code normalisation.resize} can say
 * otherwise), scaled to [0, 1] RGB (or BGR when {@code normalisation.channels} says so, then {@code (x - mean)
 * / std} when given), fed as NCHW; the outputs are read as the declared {@link OutputFormat}, boxes below the
 * score threshold or outside the class filter dropped, overlapping boxes of one class suppressed (greedy NMS),
 * and the rest mapped back to the image's pixels.
 */
public final class ObjectDetector {
    /** Ultralytics pads letterboxed inputs with this grey. */
    private static final Color PAD = new Color(114, 114, 114);

    private final LoadedModel model;
    private final List<String> labels;
    private final OutputFormat format;
    private final int height;
    private final int width;
    private final float[] mean;
    private final float[] std;
    private final boolean bgr;
    private final boolean letterbox;

    /** What to keep: a box scoring at least {@code threshold}, of a class in {@code classes} (empty: any). */
    public record Settings(double threshold, double iouThreshold, int maxDetections, Set<String> classes) {
        public Settings {
            classes = Set.copyOf(classes);
        }
    }

    private ObjectDetector(LoadedModel model, List<String> labels, OutputFormat format, int height, int width,
                           float[] mean, float[] std, boolean bgr, boolean letterbox) {
        this.model = model;
        this.labels = List.copyOf(labels);
        this.format = format;
        this.height = height;
        this.width = width;
        this.mean = mean;
        this.std = std;
        this.bgr = bgr;
        this.letterbox = letterbox;
    }

    /**
     * @param labels        class names by index (may be empty: classes are then called "class 0", "class 1", …)
     * @param inputSize     [height, width] from the manifest
     * @param normalisation the manifest's normalisation ({"mean", "std", "channels": "RGB"|"BGR",
     *                      "resize": "letterbox"|"stretch"}); null for plain [0, 1] RGB
     */
    public static ObjectDetector load(String modelId, Path file, String engine, List<String> labels,
                                      List<Integer> inputSize, JsonNode normalisation, OutputFormat format,
                                      DeviceChoice device, ModelCache cache) throws InferenceException {
        if (inputSize.size() != 2 || inputSize.get(0) < 1 || inputSize.get(1) < 1) {
            throw new InferenceException("model " + modelId + " needs inputSize [height, width] in its manifest, got "
                    + inputSize);
        }
        JsonNode n = normalisation == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : normalisation;
        String resize = n.path("resize").asText(format == OutputFormat.SSD ? "stretch" : "letterbox");
        if (!resize.equals("letterbox") && !resize.equals("stretch")) {
            throw new InferenceException("model " + modelId + ": normalisation.resize must be letterbox or stretch,"
                    + " got \"" + resize + "\"");
        }
        LoadedModel m = cache.load(modelId, file, engine, device, Map.of());
        return new ObjectDetector(m, labels, format, inputSize.get(0), inputSize.get(1), triple(n, "mean", 0f),
                triple(n, "std", 1f), n.path("channels").asText("RGB").equalsIgnoreCase("BGR"),
                resize.equals("letterbox"));
    }

    private static float[] triple(JsonNode n, String key, float dflt) {
        float[] v = {dflt, dflt, dflt};
        if (n.path(key).isArray() && n.path(key).size() == 3) {
            for (int i = 0; i < 3; i++) {
                v[i] = (float) n.path(key).get(i).asDouble();
            }
        }
        return v;
    }

    public String device() {
        return model.device().describe();
    }

    /** The detections kept, best first, in the image's pixels; and the device that ran the model. */
    public LoadedModel.Ran<List<Detection>> detect(BufferedImage image, Settings settings) throws InferenceException {
        int w = image.getWidth();
        int h = image.getHeight();
        double sx = (double) width / w;
        double sy = (double) height / h;
        int ox = 0;
        int oy = 0;
        int dw = width;
        int dh = height;
        if (letterbox) {
            sx = sy = Math.min(sx, sy);
            dw = Math.max(1, (int) Math.round(w * sx));
            dh = Math.max(1, (int) Math.round(h * sy));
            ox = (width - dw) / 2;
            oy = (height - dh) / 2;
        }
        BufferedImage input = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = input.createGraphics();
        g.setColor(PAD);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, ox, oy, dw, dh, null);
        g.dispose();
        float[] chw = toChw(input);
        LoadedModel.Ran<List<Candidate>> ran = model.runReporting((predictor, manager) -> {
            NDList out = predictor.predict(new NDList(manager.create(chw, new Shape(1, 3, height, width))));
            return format == OutputFormat.SSD ? readSsd(out, settings) : readYolo(out, settings);
        });
        List<Candidate> kept = nms(ran.value(), settings.iouThreshold(), settings.maxDetections());
        List<Detection> result = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            double x0 = clamp((c.x1 - ox) / sx, w);
            double y0 = clamp((c.y1 - oy) / sy, h);
            double x1 = clamp((c.x2 - ox) / sx, w);
            double y1 = clamp((c.y2 - oy) / sy, h);
            if (x1 > x0 && y1 > y0) {
                result.add(new Detection(c.label, c.score, x0, y0, x1 - x0, y1 - y0));
            }
        }
        return new LoadedModel.Ran<>(result, ran.device());
    }

    private float[] toChw(BufferedImage img) {
        int[] rgb = img.getRGB(0, 0, width, height, null, 0, width);
        int plane = width * height;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            float r = ((p >> 16) & 0xff) / 255f;
            float gr = ((p >> 8) & 0xff) / 255f;
            float b = (p & 0xff) / 255f;
            float first = bgr ? b : r;
            float third = bgr ? r : b;
            out[i] = (first - mean[0]) / std[0];
            out[plane + i] = (gr - mean[1]) / std[1];
            out[2 * plane + i] = (third - mean[2]) / std[2];
        }
        return out;
    }

    /** A box in the model's input pixels, before suppression. */
    private record Candidate(String label, double score, double x1, double y1, double x2, double y2) {
        double area() {
            return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
        }
    }

    private String label(int index) {
        return index < labels.size() ? labels.get(index) : "class " + index;
    }

    private boolean wanted(String label, double score, Settings s) {
        return score >= s.threshold() && (s.classes().isEmpty() || s.classes().contains(label));
    }

    private List<Candidate> readYolo(NDList out, Settings s) throws InferenceException {
        NDArray a = out.get(0);
        long[] dims = squeeze(a.getShape());
        int pre = format.boxValues();
        if (dims.length == 1) {
            dims = new long[] {1, dims[0]}; // [1, 1, 4+C]: a single box
        }
        if (dims.length != 2) {
            throw new InferenceException(what() + " output " + a.getShape() + " is not a 2-D table of boxes");
        }
        // Which way round: rows are boxes when the row length fits the labels (or is the shorter side).
        boolean boxesAreRows;
        if (!labels.isEmpty()) {
            long k = pre + labels.size();
            if (dims[1] == k) {
                boxesAreRows = true;
            } else if (dims[0] == k) {
                boxesAreRows = false;
            } else {
                throw new InferenceException(what() + " output " + a.getShape() + " has no side of " + k + " ("
                        + pre + " box values + " + labels.size() + " labels): do the model, its labels and the format "
                        + format.id() + " belong together?");
            }
        } else {
            boxesAreRows = dims[1] <= dims[0];
        }
        int n = (int) (boxesAreRows ? dims[0] : dims[1]);
        int k = (int) (boxesAreRows ? dims[1] : dims[0]);
        if (k <= pre) {
            throw new InferenceException(what() + " output " + a.getShape() + " has no class scores after the "
                    + pre + " box values");
        }
        float[] v = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        List<Candidate> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestScore = -1;
            for (int c = pre; c < k; c++) {
                double sc = at(v, boxesAreRows, i, c, n, k);
                if (sc > bestScore) {
                    bestScore = sc;
                    best = c - pre;
                }
            }
            if (pre == 5) {
                bestScore *= at(v, boxesAreRows, i, 4, n, k);
            }
            String label = label(best);
            if (!wanted(label, bestScore, s)) {
                continue;
            }
            double cx = at(v, boxesAreRows, i, 0, n, k);
            double cy = at(v, boxesAreRows, i, 1, n, k);
            double bw = at(v, boxesAreRows, i, 2, n, k);
            double bh = at(v, boxesAreRows, i, 3, n, k);
            found.add(new Candidate(label, bestScore, cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2));
        }
        return found;
    }

    private static double at(float[] v, boolean rows, int box, int value, int n, int k) {
        return rows ? v[box * k + value] : v[value * n + box];
    }

    private List<Candidate> readSsd(NDList out, Settings s) throws InferenceException {
        List<String> shapes = new ArrayList<>();
        out.forEach(x -> shapes.add(x.getShape().toString()));
        if (out.size() < 3) {
            throw new InferenceException(what() + " gave " + out.size() + " outputs " + shapes
                    + "; the ssd format needs boxes, labels and scores");
        }
        // Boxes: the output whose last dimension is 4 (a table before a lone row); labels and scores: outputs
        // with one value per box.
        NDArray boxes = null;
        for (NDArray x : out) {
            long[] raw = x.getShape().getShape();
            if (raw.length > 0 && raw[raw.length - 1] == 4
                    && (boxes == null || (raw.length > 1 && boxes.getShape().dimension() == 1))) {
                boxes = x;
            }
        }
        List<NDArray> rest = new ArrayList<>();
        for (NDArray x : out) {
            if (boxes != null && x != boxes && x.size() * 4 == boxes.size() && squeeze(x.getShape()).length <= 1) {
                rest.add(x);
            }
        }
        if (boxes == null || rest.size() < 2) {
            throw new InferenceException(what() + " outputs " + shapes + " are not ssd style: expected boxes [N, 4],"
                    + " labels [N] and scores [N]");
        }
        // Labels are the integer output when there is one; otherwise the first after the boxes, as in torchvision.
        NDArray labelArray = rest.stream().filter(x -> x.getDataType().isInteger()).findFirst().orElse(rest.get(0));
        NDArray scoreArray = rest.get(0) == labelArray ? rest.get(1) : rest.get(0);
        float[] b = boxes.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[] l = labelArray.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[] sc = scoreArray.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        int n = b.length / 4;
        if (l.length != n || sc.length != n) {
            throw new InferenceException(what() + " outputs " + shapes + " disagree: " + n + " boxes, " + l.length
                    + " labels, " + sc.length + " scores");
        }
        List<Candidate> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String label = label(Math.round(l[i]));
            if (wanted(label, sc[i], s)) {
                found.add(new Candidate(label, sc[i], b[4 * i] * width, b[4 * i + 1] * height, b[4 * i + 2] * width,
                        b[4 * i + 3] * height));
            }
        }
        return found;
    }

    private String what() {
        return "detector " + model.key().modelId() + " (format " + format.id() + "):";
    }

    /** The shape without its leading dimensions of size 1 (the batch). */
    private static long[] squeeze(Shape shape) {
        long[] d = shape.getShape();
        int from = 0;
        while (from < d.length - 1 && d[from] == 1) {
            from++;
        }
        return java.util.Arrays.copyOfRange(d, from, d.length);
    }

    /** Greedy non-maximum suppression within each class, best first, at most {@code max} boxes. */
    private static List<Candidate> nms(List<Candidate> all, double iouThreshold, int max) {
        List<Candidate> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : sorted) {
            if (kept.size() >= max) {
                break;
            }
            boolean overlaps = false;
            for (Candidate k : kept) {
                if (k.label.equals(c.label) && iou(k, c) > iouThreshold) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static double iou(Candidate a, Candidate b) {
        double ix = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
        double iy = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
        double inter = ix * iy;
        double union = a.area() + b.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s, %dx%d)", model.key().modelId(), format.id(), width, height);
    }
}

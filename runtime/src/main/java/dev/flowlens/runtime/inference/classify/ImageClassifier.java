package dev.flowlens.runtime.inference.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.runtime.inference.DeviceChoice;
import dev.flowlens.runtime.inference.InferenceException;
import dev.flowlens.runtime.inference.LoadedModel;
import dev.flowlens.runtime.inference.ModelCache;
import dev.flowlens.runtime.value.Classification;
import dev.flowlens.runtime.value.Classifications;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A classifier from the store: the image is resized to the model's input size, scaled to [0, 1] RGB (then
 * {@code (x - mean) / std} when the manifest gives them), fed as NCHW, and the output turned into
 * probabilities (softmax, unless the manifest says the model already outputs them).
 */
public final class ImageClassifier {
    private final LoadedModel model;
    private final List<String> labels;
    private final int height;
    private final int width;
    private final float[] mean;
    private final float[] std;
    private final boolean softmax;

    private ImageClassifier(LoadedModel model, List<String> labels, int height, int width, float[] mean, float[] std,
                            boolean softmax) {
        this.model = model;
        this.labels = List.copyOf(labels);
        this.height = height;
        this.width = width;
        this.mean = mean;
        this.std = std;
        this.softmax = softmax;
    }

    /**
     * @param inputSize     [height, width] from the manifest
     * @param normalisation the manifest's normalisation ({"mean":[r,g,b],"std":[r,g,b],"output":"logits"|"probabilities"})
     * @param architecture  for DJL-format weights, the network (see {@link Architectures}); null otherwise
     */
    public static ImageClassifier load(String modelId, Path file, String engine, List<String> labels,
                                       List<Integer> inputSize, JsonNode normalisation, JsonNode architecture,
                                       DeviceChoice device, ModelCache cache) throws InferenceException {
        if (inputSize.size() != 2 || inputSize.get(0) < 1 || inputSize.get(1) < 1) {
            throw new InferenceException("model " + modelId + " needs inputSize [height, width] in its manifest, got "
                    + inputSize);
        }
        if (labels.isEmpty()) {
            throw new InferenceException("model " + modelId + " has no labels file");
        }
        boolean djlFormat = file.getFileName().toString().endsWith(".params");
        LoadedModel m = cache.load(modelId, file, engine, device, Map.of(),
                djlFormat ? () -> Architectures.build(architecture) : null);
        float[] mean = triple(normalisation, "mean", 0f);
        float[] std = triple(normalisation, "std", 1f);
        boolean soft = normalisation == null || !"probabilities".equals(normalisation.path("output").asText());
        return new ImageClassifier(m, labels, inputSize.get(0), inputSize.get(1), mean, std, soft);
    }

    private static float[] triple(JsonNode n, String key, float dflt) {
        float[] v = {dflt, dflt, dflt};
        if (n != null && n.path(key).isArray() && n.path(key).size() == 3) {
            for (int i = 0; i < 3; i++) {
                v[i] = (float) n.path(key).get(i).asDouble();
            }
        }
        return v;
    }

    public String device() {
        return model.device().describe();
    }

    /** The top {@code topK} labels, and the device that ran them (the CPU, and why, when the GPU ran out of memory). */
    public LoadedModel.Ran<Classifications> classify(BufferedImage image, int topK) throws InferenceException {
        BufferedImage r = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = r.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        float[] chw = toChw(r, mean, std);
        LoadedModel.Ran<float[]> ran = model.runReporting((predictor, manager) -> {
            NDArray x = manager.create(chw, new Shape(1, 3, height, width));
            NDArray y = predictor.predict(new NDList(x)).get(0);
            if (y.size() != labels.size()) {
                throw new InferenceException("model " + model.key().modelId() + " gave " + y.size() + " scores for "
                        + labels.size() + " labels: do the model and its labels file belong together?");
            }
            return (softmax ? y.softmax(-1) : y).toFloatArray();
        });
        float[] scores = ran.value();
        List<Classification> all = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            all.add(new Classification(labels.get(i), scores[i]));
        }
        List<Classification> sorted = new Classifications(all).items();
        return new LoadedModel.Ran<>(new Classifications(sorted.subList(0, Math.min(topK, sorted.size()))),
                ran.device());
    }

    /** RGB in [0, 1], normalised per channel, planar (NCHW without N). */
    public static float[] toChw(BufferedImage img, float[] mean, float[] std) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            out[i] = (((p >> 16) & 0xff) / 255f - mean[0]) / std[0];
            out[plane + i] = (((p >> 8) & 0xff) / 255f - mean[1]) / std[1];
            out[2 * plane + i] = ((p & 0xff) / 255f - mean[2]) / std[2];
        }
        return out;
    }
}

package dev.flowlens.runtime.nodes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.inference.classify.Architectures;
import dev.flowlens.runtime.inference.classify.ImageClassifier;
import dev.flowlens.runtime.models.ModelFile;
import dev.flowlens.runtime.models.ModelManifest;
import dev.flowlens.runtime.models.ModelStore;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.Classifications;
import dev.flowlens.runtime.value.ImageValue;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project-made model: a small CNN trained here with DJL on generated images (which colour dominates),
 * saved in DJL's format, installed into the store with a manifest naming its architecture, and classified
 * through the node; and a TorchScript classifier traced by {@code src/test/python/make_models.py}.
 */
class ClassifyNodeTest {
    private static final List<String> LABELS = List.of("red", "green", "blue");
    private static final String NAME = "test-colours-cnn";
    private static final ClassifyNode NODE = new ClassifyNode();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    @TempDir
    Path out;

    static BufferedImage colourImage(int label, Random rnd) {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int[] c = {rnd.nextInt(90), rnd.nextInt(90), rnd.nextInt(90)};
                c[label] = 150 + rnd.nextInt(106);
                img.setRGB(x, y, c[0] << 16 | c[1] << 8 | c[2]);
            }
        }
        return img;
    }

    @BeforeAll
    static void trainAndInstall() throws Exception {
        // Seeded so the weights start the same every build: the test checks what training reached.
        Engines.get(Engines.PYTORCH).setRandomSeed(42);
        JsonNode arch = JSON.readTree("{\"type\":\"cnn\",\"channels\":[4],\"outputs\":3}");
        Random rnd = new Random(42);
        int n = 150;
        float[] x = new float[n * 3 * 16 * 16];
        float[] y = new float[n];
        float[] zero = {0, 0, 0};
        float[] one = {1, 1, 1};
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            System.arraycopy(ImageClassifier.toChw(colourImage(i % 3, rnd), zero, one), 0, x, i * 768, 768);
        }
        Path dir = Files.createDirectories(work.resolve("model"));
        try (Model model = Model.newInstance("colours", Device.cpu(), Engines.PYTORCH)) {
            model.setBlock(Architectures.build(arch));
            try (NDManager m = model.getNDManager().newSubManager()) {
                ArrayDataset data = new ArrayDataset.Builder().setData(m.create(x, new Shape(n, 3, 16, 16)))
                        .optLabels(m.create(y, new Shape(n))).setSampling(30, true).build();
                try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build()))) {
                    trainer.initialize(new Shape(1, 3, 16, 16));
                    EasyTrain.fit(trainer, 20, data, null);
                }
            }
            model.save(dir, "colours");
        }
        Files.write(dir.resolve("labels.txt"), LABELS);
        Path params = dir.resolve("colours-0000.params");
        ObjectNode norm = JSON.createObjectNode();
        norm.putArray("mean").add(0).add(0).add(0);
        norm.putArray("std").add(1).add(1).add(1);
        ModelManifest manifest = new ModelManifest(NAME, "classification", Engines.PYTORCH, List.of(
                new ModelFile("model", "colours-0000.params", ModelStore.sha256(params), Files.size(params)),
                new ModelFile("labels", "labels.txt", ModelStore.sha256(dir.resolve("labels.txt")), 15)),
                "labels", List.of(16, 16), norm, "trained by ClassifyNodeTest", "Apache-2.0", arch);
        JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest);
        ModelStore.in(Engines.dataFolder()).installFolder(dir, null);
    }

    private Map<String, Object> classify(BufferedImage img, Map<String, ParamValue> extra) throws Exception {
        Map<String, ParamValue> params = new java.util.HashMap<>(Map.of("model", new ParamValue.Text(NAME)));
        params.putAll(extra);
        return NODE.execute(new NodeInput(Map.of("image", ImageValue.of(img, "c.png")),
                new Params(NODE.spec(), params)), new RecordingContext("cls", "Classify image", out));
    }

    @Test
    void theProjectMadeModelNamesTheDominantColour() throws Exception {
        Random rnd = new Random(99);
        for (int label = 0; label < 3; label++) {
            Map<String, Object> r = classify(colourImage(label, rnd), Map.of());
            assertThat(r.get("label")).isEqualTo(LABELS.get(label));
            assertThat((Double) r.get("score")).isGreaterThan(0.6);
            assertThat(r.get("device")).asString().startsWith("cpu (PyTorch 2.7.1");
        }
    }

    @Test
    void aTorchScriptClassifierTracedByTheProjectsScriptRunsOnThePyTorchEngine() throws Exception {
        String name = "test-colours-torchscript";
        TestModels.install(name, "colours-classifier.pt", "classification", Engines.PYTORCH, 16, null, true, work);
        Random rnd = new Random(7);
        for (int label = 0; label < 3; label++) {
            Map<String, Object> r = classify(colourImage(label, rnd), Map.of("model", new ParamValue.Text(name)));
            assertThat(r.get("label")).isEqualTo(LABELS.get(label));
            assertThat((Double) r.get("score")).isGreaterThan(0.9);
            assertThat(r.get("device")).asString().startsWith("cpu (PyTorch 2.7.1");
        }
    }

    @Test
    void keepsTheTopKLabelsBestFirst() throws Exception {
        Classifications c = (Classifications) classify(colourImage(2, new Random(5)),
                Map.of("top_k", new ParamValue.Int(2))).get("classifications");
        assertThat(c.items()).hasSize(2);
        assertThat(c.items().get(0).label()).isEqualTo("blue");
        assertThat(c.items().get(0).score()).isGreaterThan(c.items().get(1).score());
    }

    @Test
    void refusesAModelMadeForAnotherTask() {
        assertThatThrownBy(() -> classify(colourImage(0, new Random(1)),
                Map.of("model", new ParamValue.Text("pp-ocrv4"))))
                .isInstanceOf(NodeFailure.class)
                .hasMessage("Classify image (node cls): model \"pp-ocrv4\" is made for the task ocr; this node"
                        + " needs a classification model");
    }
}

package dev.flowlens.runtime.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import dev.flowlens.runtime.inference.classify.ImageClassifier;
import dev.flowlens.runtime.inference.detect.ObjectDetector;
import dev.flowlens.runtime.inference.detect.OutputFormat;
import dev.flowlens.runtime.value.Classifications;
import dev.flowlens.runtime.value.Detection;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A GPU that runs out of memory, acted out on a CPU-only machine through the cache's {@link DevicePlacement} seam:
 * {@code gpu0} resolves to a device called gpu0 whose weights sit on the CPU and whose every prediction fails
 * the way CUDA does. Each item must still succeed, on the CPU, and say so.
 */
class GpuOutOfMemoryTest {
    private static final List<String> COLOURS = List.of("red", "green", "blue");

    /** gpu0 exists and fails every prediction with {@code error}; the CPU is the real one. */
    private static final class FailingGpu implements DevicePlacement {
        final AtomicInteger gpuPredictions = new AtomicInteger();
        final AtomicInteger gpuLoads = new AtomicInteger();
        private final String error;
        private final boolean failLoading;

        FailingGpu(String error) {
            this(error, false);
        }

        FailingGpu(String error, boolean failLoading) {
            this.error = error;
            this.failLoading = failLoading;
        }

        @Override
        public ResolvedDevice resolve(DeviceChoice choice, Engine engine) {
            if (choice.kind() == DeviceChoice.Kind.GPU) {
                return new ResolvedDevice(Device.gpu(choice.gpuIndex()), engine.getEngineName(), engine.getVersion(),
                        choice, "");
            }
            return Engines.resolve(choice, engine);
        }

        @Override
        public Device loadOn(ResolvedDevice device) {
            if (device.isGpu()) {
                gpuLoads.incrementAndGet();
                if (failLoading) {
                    throw new EngineException(error);
                }
            }
            return Device.cpu();
        }

        @Override
        public LoadedModel.Forward forward(Predictor<NDList, NDList> predictor, ResolvedDevice device) {
            if (!device.isGpu()) {
                return predictor::predict;
            }
            return input -> {
                gpuPredictions.incrementAndGet();
                throw new EngineException(error);
            };
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(GpuOutOfMemoryTest.class.getResource("/models/" + name).toURI());
    }

    private static BufferedImage filled(Color c, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static ImageClassifier classifier(ModelCache cache) throws Exception {
        return ImageClassifier.load("oom/colours", resource("colours-classifier.pt"), Engines.PYTORCH, COLOURS,
                List.of(16, 16), null, null, DeviceChoice.gpu(0), cache);
    }

    @Test
    void anItemTheGpuHasNoMemoryForRunsOnTheCpuAndSaysSo() throws Exception {
        FailingGpu gpu = new FailingGpu("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total"
                + " capacity; 14.90 GiB already allocated)");
        try (ModelCache cache = new ModelCache(gpu)) {
            ImageClassifier classifier = classifier(cache);
            assertThat(classifier.device()).startsWith("gpu0 (PyTorch");

            LoadedModel.Ran<Classifications> first = classifier.classify(filled(Color.GREEN, 40, 30), 1);
            LoadedModel.Ran<Classifications> second = classifier.classify(filled(Color.BLUE, 40, 30), 1);

            assertThat(first.value().items().get(0).label()).isEqualTo("green");
            assertThat(second.value().items().get(0).label()).isEqualTo("blue");
            assertThat(first.device()).startsWith("cpu (PyTorch 2.7.1")
                    .endsWith("; gpu0 ran out of memory; this item ran on the CPU");
            // The GPU was tried for each item (the next one may fit); the CPU copy was loaded once, into the cache.
            assertThat(gpu.gpuPredictions).hasValue(2);
            assertThat(cache.loadedKeys()).containsExactlyInAnyOrder(
                    new ModelKey("oom/colours", Engines.PYTORCH, "gpu0"),
                    new ModelKey("oom/colours", Engines.PYTORCH, "cpu"));
        }
    }

    @Test
    void aDetectorFallsBackPerItemToo() throws Exception {
        FailingGpu gpu = new FailingGpu("CUDA error: out of memory");
        try (ModelCache cache = new ModelCache(gpu)) {
            ObjectDetector detector = ObjectDetector.load("oom/squares", resource("squares-yolo.pt"), Engines.PYTORCH,
                    COLOURS, List.of(128, 128), null, OutputFormat.YOLO, DeviceChoice.gpu(0), cache);
            BufferedImage img = filled(Color.GRAY, 256, 256);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.RED);
            g.fillRect(64, 64, 100, 80);
            g.dispose();

            LoadedModel.Ran<List<Detection>> ran = detector.detect(img, new ObjectDetector.Settings(0.5, 0.45, 10,
                    Set.of()));

            assertThat(ran.value()).extracting(Detection::label).containsExactly("red");
            assertThat(ran.device()).endsWith("gpu0 ran out of memory; this item ran on the CPU");
        }
    }

    @Test
    void aModelTheGpuHasNoMemoryToLoadRunsOnTheCpuAndTheGpuIsTriedAgainNextTime() throws Exception {
        FailingGpu gpu = new FailingGpu("CUDA out of memory. Tried to allocate 512.00 MiB", true);
        try (ModelCache cache = new ModelCache(gpu)) {
            for (Color c : List.of(Color.RED, Color.BLUE)) {
                ImageClassifier classifier = classifier(cache);
                LoadedModel.Ran<Classifications> ran = classifier.classify(filled(c, 20, 20), 1);
                assertThat(ran.value().items().get(0).label()).isEqualTo(c == Color.RED ? "red" : "blue");
                assertThat(ran.device()).startsWith("cpu (PyTorch 2.7.1")
                        .endsWith("; gpu0 had no memory to load the model; it ran on the CPU");
            }
            assertThat(gpu.gpuLoads).hasValue(2);
            assertThat(cache.loadedKeys()).containsExactly(new ModelKey("oom/colours", Engines.PYTORCH, "cpu"));
        }
    }

    @Test
    void otherGpuErrorsAreReportedNotRetried() throws Exception {
        FailingGpu gpu = new FailingGpu("Expected all tensors to be on the same device");
        try (ModelCache cache = new ModelCache(gpu)) {
            ImageClassifier classifier = classifier(cache);
            assertThatThrownBy(() -> classifier.classify(filled(Color.RED, 16, 16), 1))
                    .isInstanceOf(InferenceException.class)
                    .hasMessage("model oom/colours failed on gpu0: Expected all tensors to be on the same device");
            assertThat(cache.loadedKeys()).containsExactly(new ModelKey("oom/colours", Engines.PYTORCH, "gpu0"));
        }
    }

    @Test
    void knowsTheEnginesWaysOfSayingTheGpuIsFull() {
        assertThat(LoadedModel.isOutOfMemory(new EngineException("CUDA out of memory. Tried to allocate 20 MiB")))
                .isTrue();
        assertThat(LoadedModel.isOutOfMemory(new RuntimeException("wrapped",
                new EngineException("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Failed to allocate memory for"
                        + " requested buffer of size 8388608")))).isTrue();
        assertThat(LoadedModel.isOutOfMemory(new EngineException("Expected 4-dimensional input"))).isFalse();
        assertThat(LoadedModel.isOutOfMemory(new InferenceException("x", new OutOfMemoryError("Java heap space"))))
                .isFalse();
    }
}

package dev.flowlens.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.runtime.inference.DeviceChoice;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.inference.ModelCache;
import dev.flowlens.runtime.inference.classify.ImageClassifier;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Model inference latency by model and device, from real inferences of the project's TorchScript classifier. */
class ModelMetricsTest {
    @Test
    void inferencesAreTimedByModelAndDevice() throws Exception {
        Path pt = Path.of(ModelMetricsTest.class.getResource("/models/colours-classifier.pt").toURI());
        try (ModelCache cache = new ModelCache()) {
            ImageClassifier classifier = ImageClassifier.load("metrics/colours", pt, Engines.PYTORCH,
                    List.of("red", "green", "blue"), List.of(16, 16), null, null, DeviceChoice.CPU, cache);
            BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            classifier.classify(img, 1); // before metrics exist: not counted

            String text;
            try (FlowLensMetrics metrics = new FlowLensMetrics()) {
                classifier.classify(img, 1);
                classifier.classify(img, 1);
                text = metrics.scrape();
            }

            String labels = "{device=\"cpu\",model=\"metrics/colours\"}";
            assertThat(text).contains("flowlens_model_inference_seconds_count" + labels + " 2")
                    .contains("# TYPE flowlens_model_inference_seconds histogram");
            java.util.regex.Matcher sum = java.util.regex.Pattern.compile(
                    "flowlens_model_inference_seconds_sum\\{device=\"cpu\",model=\"metrics/colours\"} (\\S+)")
                    .matcher(text);
            assertThat(sum.find()).isTrue();
            assertThat(Double.parseDouble(sum.group(1))).isPositive().isLessThan(5);
        }
    }
}

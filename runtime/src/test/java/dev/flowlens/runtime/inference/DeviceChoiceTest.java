package dev.flowlens.runtime.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {
    @Test
    void parsesWhatTheInspectorOffers() {
        assertThat(DeviceChoice.parse("auto")).isEqualTo(DeviceChoice.AUTO);
        assertThat(DeviceChoice.parse(" CPU ")).isEqualTo(DeviceChoice.CPU);
        assertThat(DeviceChoice.parse("gpu1")).isEqualTo(DeviceChoice.gpu(1));
        assertThat(DeviceChoice.parse("")).isEqualTo(DeviceChoice.AUTO);
        assertThat(DeviceChoice.gpu(3)).hasToString("gpu3");
    }

    @Test
    void refusesAnythingElseSayingWhatItExpected() {
        assertThatThrownBy(() -> DeviceChoice.parse("cuda:0"))
                .hasMessage("device must be auto, cpu or gpuN (gpu0, gpu1, …), got \"cuda:0\"");
    }

    @Test
    void withoutAGpuAutoAndGpuFallBackToTheCpuAndSaySo() throws Exception {
        Engine ort = Engines.get(Engines.ONNX_RUNTIME);
        if (Engines.usableGpuCount(ort) > 0) {
            assertThat(Engines.resolve(DeviceChoice.AUTO, ort).deviceName()).isEqualTo("gpu0");
            return;
        }
        ResolvedDevice auto = Engines.resolve(DeviceChoice.AUTO, ort);
        assertThat(auto.describe()).isEqualTo("cpu (OnnxRuntime " + ort.getVersion() + ")");
        ResolvedDevice gpu = Engines.resolve(DeviceChoice.gpu(0), ort);
        assertThat(gpu.isGpu()).isFalse();
        assertThat(gpu.describe()).contains("gpu0 was asked for but OnnxRuntime sees no usable GPU, ran on the CPU");
        // The first data folder configured in the process holds DJL's caches (DJL reads them once).
        assertThat(Engines.cacheFolder().getFileName()).hasToString("engines");
        assertThat(System.getProperty("DJL_CACHE_DIR")).startsWith(Engines.cacheFolder().toString());
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    @Test
    void thePyTorchEngineStartsOfflineFromMavenNatives() throws Exception {
        Engine pt = Engines.get(Engines.PYTORCH);
        assertThat(pt.getVersion()).startsWith("2.7.1");
        assertThat(Engines.startMillis(Engines.PYTORCH)).isGreaterThanOrEqualTo(0);
    }
}

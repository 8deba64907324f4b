package dev.flowlens.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.NodeState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The line under a node: progress, time taken, the device a model node ran on, the short error. */
class NodeRunStateTest {
    private static NodeRunState of(NodeResult r) {
        return new NodeRunState(r.state(), 0, 0, "", r, null);
    }

    @Test
    void modelNodesSayWhichDeviceRan() {
        NodeRunState ocr = of(new NodeResult.Succeeded(Map.of("device", List.of("cpu (OnnxRuntime 1.21.1)",
                "cpu (OnnxRuntime 1.21.1)"), "text", List.of("a", "b")), 1250, 2, List.of()));
        assertThat(ocr.summary()).isEqualTo("succeeded in 1.3 s · 2 items · on cpu (OnnxRuntime 1.21.1)");
        NodeRunState gpu = of(new NodeResult.Cached(Map.of("device", "gpu 0: NVIDIA H100 80GB HBM3"), 1, List.of()));
        assertThat(gpu.summary()).isEqualTo("cached · on gpu 0: NVIDIA H100 80GB HBM3");
        assertThat(of(new NodeResult.Succeeded(Map.of("image", "x"), 12, 1, List.of())).device()).isEmpty();
    }

    @Test
    void runningShowsItemsAndFailuresTheirFirstLine() {
        assertThat(new NodeRunState(NodeState.RUNNING, 3, 9, "", null, null).summary()).isEqualTo("running 3/9");
        assertThat(of(new NodeResult.Failed("Resize (node r): width must be between 1 and 16384, got 0\nmore", "", 3))
                .summary()).isEqualTo("failed: Resize (node r): width must be between 1 and 16384, got 0");
        assertThat(of(new NodeResult.Skipped("upstream failed: load")).summary()).isEqualTo("skipped: upstream failed: load");
    }
}

package dev.flowlens.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.testnodes.Graph;
import dev.flowlens.runtime.testnodes.TestNodes;
import dev.flowlens.runtime.value.ImageValue;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTest {
    @TempDir
    Path dir;

    private FlowLens flowLens;

    @BeforeEach
    void open() {
        TestNodes.reset();
        flowLens = FlowLens.open(RuntimeConfig.defaults().withDataFolder(dir).withParallelism(2));
    }

    @AfterEach
    void close() {
        flowLens.close();
    }

    private static NodeState state(RunSummary s, String node) {
        return s.results().get(NodeId.of(node)).state();
    }

    @Test
    void aChangedInputFileIsReadAgainThroughTheFingerprint() throws Exception {
        Path file = Files.writeString(dir.resolve("in.txt"), "first");
        Workflow w = Graph.named("read").node("read", "test.read_text", "path", "in.txt").build();
        RunRequest request = RunRequest.of(w).withWorkflowFile(dir.resolve("flow.json"));

        flowLens.run(request, null);
        RunSummary unchanged = flowLens.run(request, null);
        Files.writeString(file, "second, longer");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        RunSummary changed = flowLens.run(request, null);

        assertThat(state(unchanged, "read")).isEqualTo(NodeState.CACHED);
        assertThat(state(changed, "read")).isEqualTo(NodeState.SUCCEEDED);
        assertThat(TestNodes.executions("read")).isEqualTo(2);
    }

    @Test
    void cachedResultsWhoseFilesAreGoneRunAgain() throws Exception {
        Workflow w = Graph.named("render")
                .node("n", "test.const", "value", 5)
                .node("render", "test.render", "path", dir.resolve("render.txt").toString())
                .wire("n.value", "render.value").build();

        RunSummary first = flowLens.run(RunRequest.of(w), null);
        RunSummary second = flowLens.run(RunRequest.of(w), null);
        Files.delete(dir.resolve("render.txt"));
        RunSummary third = flowLens.run(RunRequest.of(w), null);

        assertThat(state(first, "render")).isEqualTo(NodeState.SUCCEEDED);
        assertThat(state(second, "render")).isEqualTo(NodeState.CACHED);
        assertThat(second.outputFiles()).containsExactly(dir.resolve("render.txt"));
        assertThat(state(third, "render")).isEqualTo(NodeState.SUCCEEDED);
        assertThat(state(third, "n")).isEqualTo(NodeState.CACHED);
        assertThat(dir.resolve("render.txt")).hasContent("5");
    }

    @Test
    void theCacheDropsTheLeastRecentlyUsedEntriesPastItsBounds() {
        OutputCache byCount = new OutputCache(2, Long.MAX_VALUE);
        byCount.put("a", Map.of("v", 1L), 1, List.of(), List.of());
        byCount.put("b", Map.of("v", 2L), 1, List.of(), List.of());
        byCount.get("a");
        byCount.put("c", Map.of("v", 3L), 1, List.of(), List.of());

        assertThat(byCount.get("a")).isPresent();
        assertThat(byCount.get("b")).isEmpty();
        assertThat(byCount.get("c")).isPresent();

        ImageValue image = ImageValue.of(new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB), "x.png");
        OutputCache byBytes = new OutputCache(100, 100 * 100 * 4 * 2 + 500);
        byBytes.put("one", Map.of("image", image), 1, List.of(), List.of());
        byBytes.put("two", Map.of("image", image), 1, List.of(), List.of());
        byBytes.put("three", Map.of("image", image), 1, List.of(), List.of());

        assertThat(byBytes.size()).isEqualTo(2);
        assertThat(byBytes.get("one")).isEmpty();
        assertThat(byBytes.bytes()).isLessThanOrEqualTo(100 * 100 * 4 * 2 + 500);
    }

    @Test
    void aZeroSizedCacheServesNothing() {
        try (FlowLens none = FlowLens.open(RuntimeConfig.defaults().withDataFolder(dir).withCache(0, 0))) {
            Workflow w = Graph.named("none").node("a", "test.const").build();
            none.run(RunRequest.of(w), null);

            assertThat(state(none.run(RunRequest.of(w), null), "a")).isEqualTo(NodeState.SUCCEEDED);
        }
    }

    @Test
    void perElementResultsAreCachedAsAWholeIncludingTheirErrors() {
        Workflow w = Graph.named("fan")
                .node("range", "test.range", "count", 3)
                .node("square", "test.square", "fail_on", 1)
                .wire("range.items", "square.value").build();

        flowLens.run(RunRequest.of(w), null);
        RunSummary again = flowLens.run(RunRequest.of(w), null);

        assertThat(state(again, "square")).isEqualTo(NodeState.CACHED);
        assertThat(again.itemsFailed()).isEqualTo(1);
        assertThat(TestNodes.executions("square")).isEqualTo(3);
    }
}

package dev.flowlens.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.RunHandle;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunStatus;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.testnodes.Graph;
import dev.flowlens.runtime.testnodes.TestNodes;
import dev.flowlens.runtime.value.ItemError;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists reaching single-valued inputs: per-element runs, their parallelism, and how failures travel. */
class FanOutTest {
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

    private RunSummary run(Workflow w) {
        return flowLens.run(RunRequest.of(w).withOutputFolder(dir.resolve("out")), null);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(RunSummary s, String node, String port) {
        return (List<Object>) ((NodeResult.Succeeded) s.results().get(NodeId.of(node))).outputs().get(port);
    }

    @Test
    void elementsRunInParallelButNeverAboveTheBound() {
        TestNodes.BARRIERS.put("pairs", new CyclicBarrier(2));
        Workflow w = Graph.named("gauge")
                .node("range", "test.range", "count", 6)
                .node("gauge", "test.gauge", "key", "pairs")
                .wire("range.items", "gauge.value").build();

        RunSummary s = run(w);

        // Every element waits for a partner at the barrier, so all six succeeding proves they overlapped in pairs;
        // the pool of two never let a third one in.
        assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(list(s, "gauge", "value")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(TestNodes.GAUGE_MAX.get()).isEqualTo(2);
    }

    @Test
    void twoListsFanOutTogetherIndexByIndexAndCarryEitherError() {
        Workflow w = Graph.named("zip")
                .node("range", "test.range", "count", 4)
                .node("left", "test.square", "fail_on", 1)
                .node("right", "test.square", "fail_on", 3)
                .node("pair", "test.pair")
                .wire("range.items", "left.value").wire("range.items", "right.value")
                .wire("left.value", "pair.a").wire("right.value", "pair.b").build();

        RunSummary s = run(w);

        List<Object> pairs = list(s, "pair", "text");
        assertThat(pairs.get(0)).isEqualTo("0:0");
        assertThat(pairs.get(1)).isInstanceOfSatisfying(ItemError.class,
                e -> assertThat(e.node()).isEqualTo("Square (node left)"));
        assertThat(pairs.get(2)).isEqualTo("4:4");
        assertThat(pairs.get(3)).isInstanceOfSatisfying(ItemError.class,
                e -> assertThat(e.message()).isEqualTo("value 3 is not allowed"));
        assertThat(s.itemsFailed()).isEqualTo(2);
        assertThat(s.itemsOk()).isEqualTo(2);
    }

    @Test
    void listsOfDifferentLengthsFailTheNodeWithBothSizes() {
        Workflow w = Graph.named("uneven")
                .node("three", "test.range", "count", 3)
                .node("four", "test.range", "count", 4)
                .node("pair", "test.pair")
                .wire("three.items", "pair.a").wire("four.items", "pair.b").build();

        RunSummary s = run(w);

        assertThat(((NodeResult.Failed) s.results().get(NodeId.of("pair"))).message())
                .isEqualTo("Pair (node pair): inputs \"a\" (3 items) and \"b\" (4 items) must have the same number of items");
    }

    @Test
    void anEmptyListGivesEmptyListsWithoutRunningTheNode() {
        Workflow w = Graph.named("empty")
                .node("none", "test.range", "count", 0)
                .node("square", "test.square")
                .node("collect", "test.collect")
                .wire("none.items", "square.value").wire("square.value", "collect.values").build();

        RunSummary s = run(w);

        assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(list(s, "square", "value")).isEmpty();
        assertThat(TestNodes.executions("square")).isZero();
        assertThat(((NodeResult.Succeeded) s.results().get(NodeId.of("collect"))).outputs().get("text")).isEqualTo("");
    }

    @Test
    void failedElementsAreNotPassedToLaterNodes() {
        Workflow w = Graph.named("carry")
                .node("range", "test.range", "count", 3)
                .node("first", "test.square", "fail_on", 0)
                .node("second", "test.square")
                .wire("range.items", "first.value").wire("first.value", "second.value").build();

        run(w);

        assertThat(TestNodes.executions("square")).isEqualTo(3 + 2);
    }

    @Test
    void cancellingStopsElementsThatHaveNotStarted() throws Exception {
        CountDownLatch bothBusy = new CountDownLatch(2);
        TestNodes.STARTED.put("items", bothBusy);
        Workflow w = Graph.named("cancel items")
                .node("range", "test.range", "count", 50)
                .node("wait", "test.wait_cancel", "key", "items")
                .wire("range.items", "wait.value").build();

        RunHandle handle = flowLens.start(RunRequest.of(w), null);
        assertThat(bothBusy.await(10, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        RunSummary s = handle.completion().get(10, TimeUnit.SECONDS);

        assertThat(s.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(s.results().get(NodeId.of("wait")).state()).isEqualTo(NodeState.CANCELLED);
        assertThat(TestNodes.executions("wait")).isEqualTo(2);
    }

    @Test
    void anItemHandledByTwoBranchesCountsOnce() {
        Workflow w = Graph.named("branches")
                .node("range", "test.range", "count", 4)
                .node("check", "test.square", "fail_on", 1)
                .node("left", "test.square")
                .node("right", "test.square", "fail_on", 4)
                .wire("range.items", "check.value").wire("check.value", "left.value").wire("check.value", "right.value")
                .build();

        RunSummary s = run(w);

        // Item 2 fails in check (and is carried down both branches); item 3 (value 2, squared 4) fails on the right.
        assertThat(s.itemsFailed()).isEqualTo(2);
        assertThat(s.itemsOk()).isEqualTo(2);
    }
}

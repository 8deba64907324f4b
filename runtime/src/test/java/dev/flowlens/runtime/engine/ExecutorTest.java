package dev.flowlens.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.validation.IssueCode;
import dev.flowlens.core.validation.ParameterOverrides;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.NodeResult;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.RunEvent;
import dev.flowlens.runtime.api.RunHandle;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunStatus;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.testnodes.Graph;
import dev.flowlens.runtime.testnodes.TestNodes;
import dev.flowlens.runtime.value.ItemError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTest {
    @TempDir
    Path dir;

    private FlowLens flowLens;

    @BeforeEach
    void open() {
        flowLens = FlowLens.open(RuntimeConfig.defaults().withDataFolder(dir.resolve("data")).withParallelism(4)
                .withEnvironment(name -> name.equals("FLOWLENS_TEST_KEY") ? "s3cret" : null));
    }

    @AfterEach
    void close() {
        flowLens.close();
    }

    private RunSummary run(Workflow w, Recorder recorder) {
        return flowLens.run(RunRequest.of(w).withOutputFolder(dir.resolve("out")), recorder);
    }

    private static NodeResult result(RunSummary s, String node) {
        return s.results().get(NodeId.of(node));
    }

    @SuppressWarnings("unchecked")
    private static <T> T output(RunSummary s, String node, String port) {
        NodeResult r = result(s, node);
        Map<String, Object> outputs = r instanceof NodeResult.Succeeded ok ? ok.outputs() : ((NodeResult.Cached) r).outputs();
        return (T) outputs.get(port);
    }

    @Test
    void runsNodesInDependencyOrderAndPassesValues() {
        Workflow w = Graph.named("sum")
                .node("add", "test.add", "offset", 10)
                .node("a", "test.const", "value", 2)
                .node("b", "test.const", "value", 3)
                .wire("a.value", "add.a").wire("b.value", "add.b").build();
        Recorder events = new Recorder();

        RunSummary s = run(w, events);

        assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat((Long) output(s, "add", "sum")).isEqualTo(15L);
        int addRunning = events.events.indexOf(events.of(RunEvent.NodeStateChanged.class).stream()
                .filter(e -> e.node().value().equals("add") && e.state() == NodeState.RUNNING).findFirst().orElseThrow());
        for (String upstream : List.of("a", "b")) {
            RunEvent finished = events.of(RunEvent.NodeFinished.class).stream()
                    .filter(e -> e.node().value().equals(upstream)).findFirst().orElseThrow();
            assertThat(events.events.indexOf(finished)).isLessThan(addRunning);
        }
    }

    @Test
    void independentNodesRunAtTheSameTime() {
        TestNodes.BARRIERS.put("overlap", new CyclicBarrier(2));
        Workflow w = Graph.named("parallel")
                .node("left", "test.barrier", "key", "overlap")
                .node("right", "test.barrier", "key", "overlap").build();

        RunSummary s = run(w, new Recorder());

        // Each node waits at a barrier for the other: both can only succeed if they ran at once.
        assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result(s, "left")).isInstanceOf(NodeResult.Succeeded.class);
        assertThat(result(s, "right")).isInstanceOf(NodeResult.Succeeded.class);
    }

    @Test
    void listIntoSingleInputRunsPerElementAndKeepsFailedElementsInPlace() {
        Workflow w = Graph.named("fan")
                .node("range", "test.range", "count", 5)
                .node("square", "test.square", "fail_on", 2)
                .node("again", "test.square")
                .node("collect", "test.collect")
                .wire("range.items", "square.value").wire("square.value", "again.value")
                .wire("again.value", "collect.values").build();
        Recorder events = new Recorder();

        RunSummary s = run(w, events);

        List<Object> squares = output(s, "square", "value");
        assertThat(squares).hasSize(5);
        assertThat(squares.get(2)).isInstanceOfSatisfying(ItemError.class, e -> {
            assertThat(e.item()).isEqualTo("item 3");
            assertThat(e.node()).isEqualTo("Square (node square)");
            assertThat(e.message()).isEqualTo("value 2 is not allowed");
        });
        assertThat(squares).element(4).isEqualTo(16L);
        List<Object> again = output(s, "again", "value");
        assertThat(again.get(2)).isSameAs(squares.get(2));
        assertThat(again).element(3).isEqualTo(81L);
        assertThat((String) output(s, "collect", "text")).isEqualTo("0,1,E(item 3),81,256");
        assertThat(((NodeResult.Succeeded) result(s, "square")).itemErrors()).hasSize(1);
        assertThat(((NodeResult.Succeeded) result(s, "again")).itemErrors()).isEmpty();
        assertThat(s.status()).isEqualTo(RunStatus.FAILED);
        assertThat(s.itemsFailed()).isEqualTo(1);
        assertThat(s.itemsOk()).isEqualTo(4);
        assertThat(events.of(RunEvent.NodeStateChanged.class).stream()
                .filter(e -> e.node().value().equals("square") && e.state() == NodeState.RUNNING && e.total() == 5)
                .map(RunEvent.NodeStateChanged::done)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void singleValueIntoListInputArrivesAsListOfOne() {
        Workflow w = Graph.named("wrap")
                .node("one", "test.const", "value", 7)
                .node("collect", "test.collect")
                .wire("one.value", "collect.values").build();

        RunSummary s = run(w, new Recorder());

        assertThat((String) output(s, "collect", "text")).isEqualTo("7");
    }

    @Test
    void failingNodeSkipsItsDependantsAndIndependentBranchesFinish() {
        Workflow w = Graph.named("fail")
                .node("bad", "test.fail")
                .node("after", "test.add")
                .node("later", "test.add")
                .node("good", "test.const", "value", 4)
                .node("goodAfter", "test.add")
                .wire("bad.value", "after.a").wire("after.sum", "later.a").wire("good.value", "goodAfter.a").build();

        RunSummary s = run(w, new Recorder());

        assertThat(s.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result(s, "bad")).isEqualTo(new NodeResult.Failed("the answer is not valid JSON", "",
                ((NodeResult.Failed) result(s, "bad")).durationMillis()));
        assertThat(result(s, "after")).isEqualTo(new NodeResult.Skipped("upstream failed: Fail (node bad)"));
        assertThat(result(s, "later")).isEqualTo(new NodeResult.Skipped("upstream failed: Fail (node bad)"));
        assertThat((Long) output(s, "goodAfter", "sum")).isEqualTo(4L);
    }

    @Test
    void bugsInNodesBecomeInternalErrorsWithTheStackTraceKeptApart() {
        Workflow w = Graph.named("bug").node("bad", "test.fail", "kind", "internal").build();

        RunSummary s = run(w, new Recorder());

        NodeResult.Failed failed = (NodeResult.Failed) result(s, "bad");
        assertThat(failed.message()).isEqualTo("internal error: IllegalStateException: boom");
        assertThat(failed.detail()).contains("at dev.flowlens.runtime.testnodes.TestNodes$Fail.execute");
    }

    @Test
    void missingFolderIsReportedBeforeTheNodeRuns() {
        Path missing = dir.resolve("nowhere");
        Workflow w = Graph.named("folder").node("load", "test.needs_folder", "folder", missing.toString()).build();

        RunSummary s = run(w, new Recorder());

        assertThat(((NodeResult.Failed) result(s, "load")).message())
                .isEqualTo("Load folder (node load): folder " + missing + " does not exist");
    }

    @Test
    void relativeInputPathsResolveAgainstTheWorkflowFile() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project/images"));
        Workflow w = Graph.named("rel").node("load", "test.needs_folder", "folder", "images").build();

        RunSummary s = flowLens.run(RunRequest.of(w).withWorkflowFile(dir.resolve("project/flow.json")), new Recorder());

        assertThat((Path) output(s, "load", "folder")).isEqualTo(project);
    }

    @Test
    void outputsGoToTheRunFolderAndAreListedInTheSummary() throws Exception {
        Workflow w = Graph.named("write")
                .node("n", "test.const", "value", 42)
                .node("write", "test.write_text", "path", "reports/answer.txt")
                .wire("n.value", "write.value").build();
        Files.writeString(dir.resolve("flow.json"), "{}");

        RunSummary s = flowLens.run(RunRequest.of(w).withWorkflowFile(dir.resolve("flow.json")), new Recorder());

        Path expected = dir.resolve("flowlens-out").resolve(s.runId()).resolve("reports/answer.txt");
        assertThat(s.outputFiles()).containsExactly(expected);
        assertThat(Files.readString(expected)).isEqualTo("42");
    }

    @Test
    void invalidWorkflowDoesNotStart() {
        Workflow w = Graph.named("invalid")
                .node("a", "test.const", "value", 5_000_000)
                .node("b", "test.nope").build();
        Recorder events = new Recorder();

        RunSummary s = run(w, events);

        assertThat(s.status()).isEqualTo(RunStatus.INVALID);
        assertThat(s.results()).isEmpty();
        assertThat(s.issues()).extracting(ValidationIssue::code)
                .containsExactly(IssueCode.VALUE_OUT_OF_RANGE, IssueCode.UNKNOWN_NODE_TYPE);
        assertThat(events.events.get(0)).isInstanceOf(RunEvent.RunStarted.class);
        assertThat(events.events.get(events.events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
        assertThat(events.of(RunEvent.NodeStateChanged.class)).isEmpty();
    }

    @Test
    void overridesApplyAndBadOnesMakeTheRunInvalid() {
        Workflow w = Graph.named("over").node("a", "test.const", "value", 1).build();

        RunSummary s = flowLens.run(RunRequest.of(w).withOverrides(ParameterOverrides.parse(List.of("a.value=9"))),
                new Recorder());
        RunSummary bad = flowLens.run(RunRequest.of(w).withOverrides(ParameterOverrides.parse(List.of("a.value=x"))),
                new Recorder());

        assertThat((Long) output(s, "a", "value")).isEqualTo(9L);
        assertThat(bad.status()).isEqualTo(RunStatus.INVALID);
        assertThat(bad.issues()).extracting(ValidationIssue::code).containsExactly(IssueCode.BAD_OVERRIDE);
    }

    @Test
    void runUpToRunsOnlyTheAncestors() {
        Workflow w = Graph.named("upto")
                .node("a", "test.const", "value", 1)
                .node("b", "test.add")
                .node("c", "test.add")
                .node("other", "test.const")
                .wire("a.value", "b.a").wire("b.sum", "c.a").build();

        RunSummary s = flowLens.run(RunRequest.of(w).withRunUpTo(Set.of(NodeId.of("b"))), new Recorder());

        assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result(s, "a").state()).isEqualTo(NodeState.SUCCEEDED);
        assertThat(result(s, "b").state()).isEqualTo(NodeState.SUCCEEDED);
        assertThat(result(s, "c").state()).isEqualTo(NodeState.SKIPPED);
        assertThat(result(s, "other").state()).isEqualTo(NodeState.SKIPPED);
    }

    @Test
    void secondRunIsCachedAndAParameterChangeReRunsOnlyThatNodeAndItsDependants() {
        Graph g = Graph.named("cache")
                .node("a", "test.const", "value", 1)
                .node("b", "test.const", "value", 2)
                .node("sumA", "test.add")
                .node("sum", "test.add")
                .wire("a.value", "sumA.a").wire("b.value", "sum.a").wire("sumA.sum", "sum.b");
        Workflow w = g.build();

        RunSummary first = run(w, new Recorder());
        RunSummary second = run(w, new Recorder());
        RunSummary changed = flowLens.run(RunRequest.of(w).withOverrides(ParameterOverrides.parse(List.of("a.value=5"))),
                new Recorder());

        assertThat(first.results().values()).extracting(NodeResult::state).containsOnly(NodeState.SUCCEEDED);
        assertThat(second.results().values()).extracting(NodeResult::state).containsOnly(NodeState.CACHED);
        assertThat((Long) output(second, "sum", "sum")).isEqualTo(3L);
        assertThat(result(changed, "b").state()).isEqualTo(NodeState.CACHED);
        assertThat(result(changed, "a").state()).isEqualTo(NodeState.SUCCEEDED);
        assertThat(result(changed, "sumA").state()).isEqualTo(NodeState.SUCCEEDED);
        assertThat(result(changed, "sum").state()).isEqualTo(NodeState.SUCCEEDED);
        assertThat((Long) output(changed, "sum", "sum")).isEqualTo(7L);

        flowLens.clearCache();
        assertThat(run(w, new Recorder()).results().values()).extracting(NodeResult::state)
                .containsOnly(NodeState.SUCCEEDED);
    }

    @Test
    void nonDeterministicAndOutputNodesAreNeverServedFromTheCache() {
        Workflow w = Graph.named("fresh")
                .node("r", "test.random")
                .node("sum", "test.add")
                .node("write", "test.write_text")
                .wire("r.value", "sum.a").wire("sum.sum", "write.value").build();

        run(w, new Recorder());
        RunSummary again = run(w, new Recorder());

        assertThat(again.results().values()).extracting(NodeResult::state).containsOnly(NodeState.SUCCEEDED);
    }

    @Test
    void cancellingStopsSchedulingAndEndsRemainingNodesCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        TestNodes.STARTED.put("cancel", started);
        Workflow w = Graph.named("cancel")
                .node("slow", "test.wait_cancel", "key", "cancel")
                .node("next", "test.add")
                .wire("slow.value", "next.a").build();
        Recorder events = new Recorder();

        RunHandle handle = flowLens.start(RunRequest.of(w), events);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        RunSummary s = handle.completion().get(10, TimeUnit.SECONDS);

        assertThat(s.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(result(s, "slow").state()).isEqualTo(NodeState.CANCELLED);
        assertThat(result(s, "next").state()).isEqualTo(NodeState.CANCELLED);
        assertThat(events.states("next")).doesNotContain(NodeState.RUNNING);
    }

    @Test
    void eventsComeInOrderAndListenerFailuresAreIgnored() {
        Workflow w = Graph.named("events").node("c", "test.chatty", "message", "hi there").build();
        Recorder events = new Recorder();

        RunSummary s = flowLens.run(RunRequest.of(w), e -> {
            events.onEvent(e);
            throw new IllegalStateException("listener bug");
        });

        assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(events.events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "RunStarted", "NodeStateChanged", "NodeStateChanged", "Log", "NodeStateChanged", "NodeStateChanged",
                "NodeStateChanged", "NodeFinished", "RunFinished");
        assertThat(events.states("c")).containsExactly(NodeState.QUEUED, NodeState.RUNNING, NodeState.RUNNING,
                NodeState.RUNNING, NodeState.SUCCEEDED);
        assertThat(events.of(RunEvent.Log.class).get(0).message()).isEqualTo("hi there");
    }

    @Test
    void secretsComeFromTheEnvironmentAndKeyStoresSayTheyAreNotConfigured() {
        Workflow env = Graph.named("env").node("s", "test.secret_length", "key",
                new ParamValue.Secret(SecretRef.env("FLOWLENS_TEST_KEY")))
                .build();
        Workflow keystore = Graph.named("ks").node("s", "test.secret_length", "key",
                new ParamValue.Secret(SecretRef.parse("keystore:zai"))).build();

        assertThat((Long) output(run(env, new Recorder()), "s", "length")).isEqualTo(6L);
        assertThat(((NodeResult.Failed) result(run(keystore, new Recorder()), "s")).message())
                .isEqualTo("Secret length (node s): secret keystore:zai cannot be read: key stores are not configured "
                        + "in this FlowLens; set an environment variable and use env:NAME instead");
    }

    @Test
    void closeCancelsRunsInProgress() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        TestNodes.STARTED.put("close", started);
        Workflow w = Graph.named("close").node("slow", "test.wait_cancel", "key", "close").build();
        RunHandle handle = flowLens.start(RunRequest.of(w), RunListener.NONE);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        flowLens.close();

        assertThat(handle.completion().get(1, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void integersWidenToNumbersOnSingleAndPerElementWires() {
        Workflow w = Graph.named("widen")
                .node("seven", "test.const", "value", 7)
                .node("half", "test.half")
                .node("range", "test.range", "count", 3)
                .node("halves", "test.half")
                .wire("seven.value", "half.value").wire("range.items", "halves.value").build();

        RunSummary s = run(w, new Recorder());

        assertThat((Double) output(s, "half", "value")).isEqualTo(3.5);
        List<Object> halves = output(s, "halves", "value");
        assertThat(halves).containsExactly(0.0, 0.5, 1.0);
    }

    @Test
    void aNodeReturningTheWrongKindOfValueFailsAtItsOwnDoor() {
        Workflow w = Graph.named("wrong").node("liar", "test.wrong_output").build();

        RunSummary s = run(w, new Recorder());

        assertThat(((NodeResult.Failed) result(s, "liar")).message())
                .isEqualTo("internal error: IllegalStateException: output \"value\" expected Integer (Long), got String");
    }

    @Test
    void runUpToANodeThatDoesNotExistIsRefused() {
        Workflow w = Graph.named("upto").node("a", "test.const").build();

        assertThatThrownBy(() -> flowLens.start(RunRequest.of(w).withRunUpTo(Set.of(NodeId.of("ghost"))), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("runUpTo names nodes that are not in the workflow: ghost");
    }

    @Test
    void evenAListenerThrowingErrorsCannotStopARun() throws Exception {
        Workflow w = Graph.named("errors").node("c", "test.chatty").node("range", "test.range")
                .node("sq", "test.square").wire("range.items", "sq.value").build();

        RunSummary s = flowLens.start(RunRequest.of(w), e -> {
            throw new AssertionError("listener bug");
        }).completion().get(10, TimeUnit.SECONDS);

        assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED);
    }
}

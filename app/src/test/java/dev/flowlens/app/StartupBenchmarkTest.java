package dev.flowlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up benchmark: the real launcher in a fresh JVM each time (class loading, the runtime's node
 * registry, the example opened and laid out), headless on Monocle's software pipeline, timed from the JVM's start
 * to the main window's first frame as the app itself logs it. Numbers are logged at WARN so they show in the
 * build output; the assertion only catches a window that never comes up.
 */
class StartupBenchmarkTest {
    private static final Logger LOG = LoggerFactory.getLogger(StartupBenchmarkTest.class);
    private static final int STARTS = 3;
    private static final Pattern FIRST_FRAME = Pattern.compile(Pattern.quote(FlowLensApp.FIRST_FRAME) + " (\\d+) ms");

    @TempDir
    Path home;

    @Test
    void theMainWindowShowsTheExampleAfterAFreshStart() throws Exception {
        Path example = Path.of(System.getProperty("flowlens.examples", "../examples"), "images-report", "workflow.json")
                .toAbsolutePath().normalize();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            millis.add(firstFrameMillis(example));
        }
        List<Long> sorted = millis.stream().sorted().toList();
        LOG.warn("start-up to first frame (fresh JVM, {} opened, Monocle software pipeline, load {}): median {} ms, "
                        + "min {} ms, max {} ms over {} starts", example.getFileName(), loadAverage(),
                sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), STARTS);
        assertThat(sorted).allSatisfy(ms -> assertThat(ms).isPositive());
    }

    private long firstFrameMillis(Path workflow) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k",
                "-Dheadless.geometry=1400x900-32", "-Djava.awt.headless=true",
                "-Dflowlens.home=" + home.resolve("home"), "-Dflowlens.data=" + home.resolve("data"),
                "dev.flowlens.app.Launcher", workflow.toString());
        pb.environment().put("FLOWLENS_LOG_LEVEL", "info");
        pb.environment().put("FLOWLENS_DATA", home.resolve("data").toString());
        pb.redirectErrorStream(true);
        Process app = pb.start();
        try {
            CompletableFuture<Long> found = CompletableFuture.supplyAsync(() -> readUntilFirstFrame(app));
            return found.get(90, TimeUnit.SECONDS);
        } finally {
            app.destroy();
            if (!app.waitFor(10, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static long readUntilFirstFrame(Process app) {
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                Matcher m = FIRST_FRAME.matcher(line);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
                seen.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading the app's output failed", e);
        }
        throw new IllegalStateException("the app ended without a first frame; it printed:\n" + seen);
    }

    private static String loadAverage() {
        return String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}

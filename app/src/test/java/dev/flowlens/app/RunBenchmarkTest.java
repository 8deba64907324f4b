package dev.flowlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.app.workspace.AppSettings;
import dev.flowlens.app.workspace.MainWindow;
import dev.flowlens.app.workspace.WorkspaceViewModel;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The benchmark: a real 1,000-item run (folder of 1,000 images → check → inspect → table) from the
 * window, measuring FX frame times (pulse to pulse, with an AnimationTimer) while its events stream, and how
 * the events were batched onto the FX thread. Numbers are logged at WARN so they show in the build output;
 * the assertion only catches a frozen UI, because the shared build machines are too noisy for a tight bound.
 */
@ExtendWith(ApplicationExtension.class)
class RunBenchmarkTest {
    private static final Logger LOG = LoggerFactory.getLogger(RunBenchmarkTest.class);
    private static final int ITEMS = 1_000;

    @TempDir
    Path temp;

    private FlowLens runtime;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path images = Files.createDirectories(temp.resolve("images"));
        for (int i = 0; i < ITEMS; i++) {
            BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            var g = img.createGraphics();
            g.setColor(new Color(i * 7 % 256, i * 13 % 256, i * 29 % 256));
            g.fillRect(0, 0, 16, 16);
            g.dispose();
            ImageIO.write(img, "png", images.resolve(String.format("img-%04d.png", i)).toFile());
        }
        Path workflow = temp.resolve("thousand.json");
        Files.writeString(workflow, """
                {"formatVersion":1,"id":"bench","name":"Thousand images","nodes":[
                 {"id":"folder","type":"input.image_folder","position":{"x":0,"y":0},"params":{"folder":"images"}},
                 {"id":"check","type":"image.check","position":{"x":260,"y":0},"params":{}},
                 {"id":"inspect","type":"image.inspect","position":{"x":520,"y":0},"params":{}},
                 {"id":"table","type":"data.to_table","position":{"x":780,"y":0},"params":{}}],
                 "edges":[{"from":"folder.files","to":"check.file"},{"from":"check.image","to":"inspect.image"},
                 {"from":"inspect.info","to":"table.rows"}]}
                """);
        runtime = FlowLens.open(RuntimeConfig.defaults().withDataFolder(temp.resolve("data")).withCache(0, 0));
        WorkspaceViewModel workspace = new WorkspaceViewModel(runtime, new AppSettings(temp.resolve("home"), temp));
        window = new MainWindow(stage, workspace);
        workspace.open(workflow);
        window.show();
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void framesStaySmoothWhileAThousandItemRunStreamsEvents(FxRobot robot) throws Exception {
        List<Long> frames = new ArrayList<>();
        AnimationTimer probe = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0) {
                    frames.add(now - last);
                }
                last = now;
            }
        };
        robot.interact(probe::start);
        long started = System.nanoTime();
        robot.interact(window.runs()::run);
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.runs().lastSummaryProperty().get() != null
                && !window.runs().isRunning());
        long wall = System.nanoTime() - started;
        robot.interact(probe::stop);

        var summary = window.runs().lastSummaryProperty().get();
        assertThat(summary.itemsOk()).isEqualTo(ITEMS);
        List<Long> sorted = new ArrayList<>(frames);
        sorted.sort(null);
        double median = sorted.get(sorted.size() / 2) / 1e6;
        double p95 = sorted.get((int) (sorted.size() * 0.95)) / 1e6;
        double max = sorted.get(sorted.size() - 1) / 1e6;
        long batches = window.runs().batches();
        long events = window.runs().eventsApplied();
        LOG.warn("Run benchmark: {} items, run {} ms; FX frames {} : median {} ms, p95 {} ms, max {} ms; "
                        + "{} events in {} batches ({} events/batch, {} batches/s)",
                ITEMS, wall / 1_000_000, frames.size(), fmt(median), fmt(p95), fmt(max), events, batches,
                fmt((double) events / batches), fmt(batches / (wall / 1e9)));
        List<Long> apply = new ArrayList<>(window.runs().applyNanos());
        apply.sort(null);
        LOG.warn("Run benchmark: applying a batch on the FX thread: median {} ms, p95 {} ms, max {} ms",
                fmt(apply.get(apply.size() / 2) / 1e6), fmt(apply.get((int) (apply.size() * 0.95)) / 1e6),
                fmt(apply.get(apply.size() - 1) / 1e6));
        assertThat(batches).isLessThan(events);
        assertThat(median).as("median frame time, ms").isLessThan(100);
    }

    @Test
    void cancelStopsTheRunAndTheNodesSayCancelled(FxRobot robot) throws Exception {
        // A thousand tiny images take well under a second here: cancel as the Cancel button would, at once.
        robot.interact(() -> {
            window.runs().run();
            assertThat(robot.lookup("#tool-cancel").queryButton().isDisabled()).isFalse();
            robot.lookup("#tool-cancel").queryButton().fire();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.runs().lastSummaryProperty().get() != null
                && !window.runs().isRunning());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.runs().lastSummaryProperty().get().status()).isEqualTo(dev.flowlens.runtime.api.RunStatus.CANCELLED);
        assertThat(window.runs().getStates().values()).anyMatch(s -> s.state() == dev.flowlens.runtime.api.NodeState.CANCELLED);
        assertThat(robot.lookup("#tool-run").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#tool-cancel").queryButton().isDisabled()).isTrue();
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}

package dev.flowlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.app.workspace.AppSettings;
import dev.flowlens.app.workspace.MainWindow;
import dev.flowlens.app.workspace.WorkspaceViewModel;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.type.PortType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The benchmark: a workflow of 500 nodes and 600 wires; time to open it on the canvas, and frame
 * times (pulse to pulse, measured with an AnimationTimer) while panning and zooming under the software
 * pipeline. Numbers are logged at WARN so they show in the build output; the assertion only catches a
 * pathological slowdown, because the shared build machines are too noisy for a tight bound.
 */
@ExtendWith(ApplicationExtension.class)
class CanvasBenchmarkTest {
    private static final Logger LOG = LoggerFactory.getLogger(CanvasBenchmarkTest.class);
    private static final NodeSpec MERGE = NodeSpec.builder("bench.merge", "Merge", "bench")
            .input(InputSpec.required("a", PortType.IMAGE, ""))
            .input(InputSpec.optional("b", PortType.IMAGE, ""))
            .input(InputSpec.optional("c", PortType.IMAGE, ""))
            .output(OutputSpec.of("image", PortType.IMAGE, ""))
            .build();

    @TempDir
    Path temp;

    private WorkspaceViewModel workspace;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        workspace = new WorkspaceViewModel(new TestRuntime(MERGE), new AppSettings(temp.resolve("home"), temp));
        window = new MainWindow(stage, workspace);
        window.show();
    }

    static Workflow largeWorkflow() {
        List<NodeInstance> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        int columns = 25;
        int rows = 20;
        for (int c = 0; c < columns; c++) {
            for (int r = 0; r < rows; r++) {
                String type = c == 0 ? "input.load_image" : "bench.merge";
                nodes.add(new NodeInstance(NodeId.of("n" + c + "_" + r), type, "", Map.of(), new Position(c * 280, r * 140)));
                if (c > 0) {
                    String out = c == 1 ? "image" : "image";
                    edges.add(new Edge(new PortRef(NodeId.of("n" + (c - 1) + "_" + r), out), PortRef.of("n" + c + "_" + r, "a")));
                    if (r < 5) {
                        edges.add(new Edge(new PortRef(NodeId.of("n" + (c - 1) + "_" + (r + 1)), out),
                                PortRef.of("n" + c + "_" + r, "b")));
                    }
                }
            }
        }
        return new Workflow(Workflow.empty("bench").id(), "bench", "", nodes, edges, dev.flowlens.core.model.Canvas.EMPTY);
    }

    private static double percentile(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    private static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    @Test
    void fiveHundredNodesOpenAndPanWithinBudget(FxRobot robot) throws Exception {
        Workflow big = largeWorkflow();
        assertThat(big.nodes()).hasSize(500);
        assertThat(big.edges()).hasSize(600);

        long t0 = System.nanoTime();
        robot.interact(() -> {
            workspace.canvas().reset(big);
            window.canvas().fitToView();
        });
        long openMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(window.canvas().nodeViews()).hasSize(500);
        assertThat(window.canvas().wires()).hasSize(600);

        // Frames alternate: 15 of panning, then 15 of wheel zooming; each interval is filed under the gesture
        // that the frame it ends showed.
        int frames = 240;
        long[] stamps = new long[frames + 1];
        boolean[] zooming = new boolean[frames + 1];
        CountDownLatch done = new CountDownLatch(1);
        robot.interact(() -> new AnimationTimer() {
            private int i;

            @Override
            public void handle(long now) {
                stamps[i] = System.nanoTime();
                zooming[i] = i % 30 >= 15;
                if (!zooming[i]) {
                    window.canvas().panBy(-6, -3);
                } else {
                    window.canvas().zoomAt(i % 2 == 0 ? 1.04 : 1 / 1.03, 400, 300);
                }
                if (++i > frames) {
                    stop();
                    done.countDown();
                }
            }
        }.start());
        assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();

        List<Double> all = new ArrayList<>();
        List<Double> pan = new ArrayList<>();
        List<Double> zoom = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            double ms = (stamps[i + 1] - stamps[i]) / 1e6;
            all.add(ms);
            (zooming[i] ? zoom : pan).add(ms);
        }
        double median = percentile(all, 50);

        // An edit on the big graph: move one node (what a drag ends in); the time the FX thread spends on it,
        // from the command through validation to the canvas, inspector and minimap showing the result.
        List<Double> edits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int step = i % 2 == 0 ? 10 : -10;
            robot.interact(() -> {
                long t = System.nanoTime();
                workspace.canvas().move(java.util.Set.of(NodeId.of("n12_10")), step, 0);
                edits.add((System.nanoTime() - t) / 1e6);
            });
        }
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        LOG.warn("benchmark: 500 nodes / 600 wires opened in {} ms; frame time median {} ms, p95 {} ms "
                        + "(pan {} / {} ms, zoom {} / {} ms); moving one node {} ms median; load average {}",
                openMillis, fmt(median), fmt(percentile(all, 95)), fmt(percentile(pan, 50)), fmt(percentile(pan, 95)),
                fmt(percentile(zoom, 50)), fmt(percentile(zoom, 95)), fmt(percentile(edits, 50)), fmt(load));
        assertThat(median).as("median frame time (ms)").isLessThan(250);
    }
}

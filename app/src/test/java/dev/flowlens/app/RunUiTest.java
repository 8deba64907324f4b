package dev.flowlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.app.canvas.NodeView;
import dev.flowlens.app.run.NodeRunState;
import dev.flowlens.app.workspace.AppSettings;
import dev.flowlens.app.workspace.MainWindow;
import dev.flowlens.app.workspace.WorkspaceViewModel;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.NodeState;
import dev.flowlens.runtime.api.RuntimeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Runs the images-report example with the real runtime from the toolbar and Ctrl+Enter: every node reaches its
 * final state live on the canvas; a bad parameter set in the inspector turns its node red with the message
 * while the other branch finishes; fixing it re-runs only that node (the rest comes from the cache).
 */
@ExtendWith(ApplicationExtension.class)
class RunUiTest {
    @TempDir
    Path temp;

    private FlowLens runtime;
    private WorkspaceViewModel workspace;
    private MainWindow window;
    private Path workflowFile;

    @Start
    void start(Stage stage) throws IOException {
        Path source = Path.of(System.getProperty("flowlens.examples", "../examples")).resolve("images-report");
        Path copy = temp.resolve("images-report-" + System.nanoTime());
        copyTree(source, copy);
        workflowFile = copy.resolve("workflow.json");
        runtime = FlowLens.open(RuntimeConfig.defaults().withDataFolder(temp.resolve("data")));
        workspace = new WorkspaceViewModel(runtime, new AppSettings(temp.resolve("home"), copy.getParent()));
        window = new MainWindow(stage, workspace);
        workspace.open(workflowFile);
        window.show();
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.toString().contains("flowlens-out")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private void awaitRunEnd() throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.runs().lastSummaryProperty().get() != null
                && !window.runs().isRunning());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private NodeView node(FxRobot robot, String id) {
        return robot.lookup("#node-" + id).queryAs(NodeView.class);
    }

    private static boolean has(NodeView v, String pseudoClass) {
        return v.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals(pseudoClass));
    }

    private void setParam(FxRobot robot, String node, String param, String text) {
        robot.interact(() -> workspace.canvas().selectOnly(new NodeId(node)));
        WaitForAsyncUtils.waitForFxEvents();
        TextField field = robot.lookup("#editor-" + param).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theExampleRunsFromTheToolbarAndEveryNodeReachesItsFinalState(FxRobot robot) throws Exception {
        robot.clickOn("#tool-run");
        awaitRunEnd();

        Map<NodeId, NodeRunState> states = window.runs().getStates();
        assertThat(states).hasSize(workspace.canvas().getWorkflow().nodes().size());
        for (var node : workspace.canvas().getWorkflow().nodes()) {
            NodeView view = node(robot, node.id().toString());
            assertThat(states.get(node.id()).state()).as(node.id().toString()).isEqualTo(NodeState.SUCCEEDED);
            assertThat(has(view, "succeeded")).as(node.id() + " is drawn as succeeded").isTrue();
            assertThat(view.runStatusText()).as(node.id().toString()).startsWith("succeeded in ");
        }
        // The truncated JPEG fails its own row: listed with its name, and the run says an item failed.
        assertThat(node(robot, "check").runStatusText()).contains("9 items, 1 failed");
        robot.interact(() -> workspace.canvas().selectOnly(new NodeId("check")));
        assertThat(window.runPanel().itemProblemLines()).singleElement().asString().startsWith("truncated.jpg — ");
        // Wires carry the count of items that passed: 8 of the 9 sample images decode.
        Edge checkToResize = workspace.canvas().getWorkflow().edges().stream()
                .filter(e -> e.from().node().toString().equals("check") && e.to().node().toString().equals("resize"))
                .findFirst().orElseThrow();
        assertThat(window.canvas().wireCount(checkToResize)).isEqualTo("8");
        assertThat(node(robot, "resize").lookup(".node-thumbnail").isVisible()).isTrue();
        assertThat(window.runs().log()).anyMatch(l -> l.contains("run finished"));
        assertThat(window.runs().history()).hasSize(1);
        assertThat(window.runs().batches()).isLessThan(window.runs().eventsApplied());
        robot.interact(() -> {
            workspace.canvas().selectOnly(new NodeId("resize"));
            window.runPanel().getSelectionModel().select(1);
            window.canvas().fitToView();
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.save(window.scene(), "run-finished.png"));
    }

    @Test
    void aFailingNodeTurnsRedWhileTheOtherBranchFinishesAndAFixReRunsOnlyIt(FxRobot robot) throws Exception {
        setParam(robot, "evaluate", "labels", "no-such-labels.csv");
        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.ENTER);
        awaitRunEnd();

        NodeView evaluate = node(robot, "evaluate");
        assertThat(has(evaluate, "failed")).isTrue();
        assertThat(evaluate.runStatusText()).startsWith("failed: Check against labels (node evaluate): ");
        assertThat(window.runs().getStates().get(new NodeId("report")).state()).isEqualTo(NodeState.SUCCEEDED);
        assertThat(has(node(robot, "report"), "succeeded")).isTrue();
        robot.interact(() -> workspace.canvas().selectOnly(new NodeId("evaluate")));
        assertThat(window.runPanel().detailsText()).contains("no-such-labels.csv").contains("failed");
        robot.interact(window.canvas()::fitToView);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.save(window.scene(), "run-failed.png"));

        setParam(robot, "evaluate", "labels", "labels.csv");
        robot.clickOn("#tool-run");
        awaitRunEnd();
        Map<NodeId, NodeRunState> states = window.runs().getStates();
        assertThat(states.get(new NodeId("evaluate")).state()).isEqualTo(NodeState.SUCCEEDED);
        for (String cached : new String[] {"folder", "check", "inspect", "row", "table", "columns"}) {
            assertThat(states.get(new NodeId(cached)).state()).as(cached).isEqualTo(NodeState.CACHED);
            assertThat(has(node(robot, cached), "cached")).as(cached).isTrue();
        }
        assertThat(window.runs().history()).hasSize(2);
    }

    @Test
    void runToSelectedRunsOnlyWhatTheSelectedNodeNeeds(FxRobot robot) throws Exception {
        robot.clickOn("#node-inspect");
        robot.clickOn("#tool-run-to");
        awaitRunEnd();
        Map<NodeId, NodeRunState> states = window.runs().getStates();
        for (String ran : new String[] {"folder", "check", "inspect"}) {
            assertThat(states.get(new NodeId(ran)).state()).as(ran).isEqualTo(NodeState.SUCCEEDED);
        }
        assertThat(states.get(new NodeId("report")).state()).isEqualTo(NodeState.SKIPPED);
        assertThat(node(robot, "encode").runStatusText()).startsWith("skipped: not needed for");
    }

    @Test
    void aBadFolderFailsItsNodeAndSkipsWhatDependsOnIt(FxRobot robot) throws Exception {
        setParam(robot, "folder", "folder", "no-such-folder");
        robot.clickOn("#tool-run");
        awaitRunEnd();

        NodeView folder = node(robot, "folder");
        assertThat(has(folder, "failed")).isTrue();
        assertThat(folder.runStatusText()).startsWith("failed: Sample images (node folder): ");
        assertThat(node(robot, "check").runStatusText()).startsWith("skipped: upstream failed");
        assertThat(has(node(robot, "check"), "skipped")).isTrue();
        assertThat(window.runPanel().detailsText()).contains("no-such-folder");
    }
}

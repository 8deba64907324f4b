package dev.flowlens.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flowlens.app.canvas.CanvasView;
import dev.flowlens.app.canvas.CanvasViewModel;
import dev.flowlens.app.canvas.FrameView;
import dev.flowlens.app.canvas.Minimap;
import dev.flowlens.app.workspace.AppSettings;
import dev.flowlens.app.workspace.MainWindow;
import dev.flowlens.app.workspace.WorkspaceViewModel;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.model.Frame;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Frames, the Arrange commands and the minimap, driven with mouse and keyboard as a user would (headless). */
@ExtendWith(ApplicationExtension.class)
class ArrangeUiTest {
    @TempDir
    Path temp;

    private WorkspaceViewModel workspace;
    private CanvasViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        workspace = new WorkspaceViewModel(new TestRuntime(), new AppSettings(temp.resolve("home"), temp.resolve("examples")));
        vm = workspace.canvas();
        window = new MainWindow(stage, workspace);
        window.show();
    }

    private NodeId add(FxRobot robot, dev.flowlens.core.spec.NodeSpec spec, double x, double y) {
        AtomicReference<NodeId> id = new AtomicReference<>();
        robot.interact(() -> id.set(vm.addNode(spec, new Position(x, y))));
        return id.get();
    }

    private Position at(NodeId id) {
        return vm.getWorkflow().node(id).orElseThrow().position();
    }

    private static Bounds screenBounds(javafx.scene.Node node) {
        return node.localToScreen(node.getBoundsInLocal());
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    @Test
    void groupSelectedNodesInAFrameThenMoveResizeUndoAndDeleteIt(FxRobot robot) throws Exception {
        NodeId resize = add(robot, TestRuntime.RESIZE, 100, 140);
        NodeId ocr = add(robot, TestRuntime.OCR, 360, 140);
        NodeId outside = add(robot, TestRuntime.LOAD_IMAGE, 100, 330);
        robot.clickOn("#node-resize");
        robot.press(KeyCode.SHIFT).clickOn("#node-read").release(KeyCode.SHIFT);

        robot.push(KeyCode.CONTROL, KeyCode.G);
        WaitForAsyncUtils.waitForFxEvents();
        // The new frame's title is open for typing.
        assertThat(robot.lookup("#frame-title-editor").queryAs(TextField.class).isFocused()).isTrue();
        robot.write("Prepare").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        Frame frame = vm.getWorkflow().canvas().frames().get(0);
        assertThat(frame.title()).isEqualTo("Prepare");
        assertThat(vm.nodesIn(frame)).containsExactlyInAnyOrder(resize, ocr);
        FrameView view = window.canvas().frameViews().get(frame.id());
        assertThat(view.titleText()).isEqualTo("Prepare");
        assertThat(vm.getSelectedFrame()).isEqualTo(frame.id());
        // Drawn behind the nodes it holds.
        assertThat(screenBounds(view).contains(screenBounds(robot.lookup("#node-resize").query()))).isTrue();
        assertThat(screenBounds(view).contains(screenBounds(robot.lookup("#node-read").query()))).isTrue();

        // Dragging the title moves the frame and its two nodes; the node below it stays.
        Bounds title = screenBounds(view.titleBar());
        robot.drag(title.getMinX() + 40, title.getCenterY(), MouseButton.PRIMARY)
                .dropTo(title.getMinX() + 140, title.getCenterY() + 50);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(at(resize).x()).isCloseTo(200, within(1.0));
        assertThat(at(resize).y()).isCloseTo(190, within(1.0));
        assertThat(at(ocr).x()).isCloseTo(460, within(1.0));
        assertThat(at(outside)).isEqualTo(new Position(100, 330));
        assertThat(vm.frame(frame.id()).orElseThrow().x()).isCloseTo(frame.x() + 100, within(1.0));

        // One undo puts the frame and both nodes back.
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(at(resize)).isEqualTo(new Position(100, 140));
        assertThat(at(ocr)).isEqualTo(new Position(360, 140));
        assertThat(vm.frame(frame.id())).contains(frame);
        assertThat(screenBounds(view).getMinX()).isCloseTo(title.getMinX(), within(1.5));

        // The corner resizes it.
        Bounds corner = screenBounds(view.resizeHandle());
        robot.drag(corner.getCenterX(), corner.getCenterY(), MouseButton.PRIMARY)
                .dropTo(corner.getCenterX() + 60, corner.getCenterY() + 30);
        WaitForAsyncUtils.waitForFxEvents();
        Frame resized = vm.frame(frame.id()).orElseThrow();
        assertThat(resized.width()).isCloseTo(frame.width() + 60, within(1.0));
        assertThat(resized.height()).isCloseTo(frame.height() + 30, within(1.0));
        assertThat(resized.x()).isEqualTo(frame.x());

        // Saved with the workflow.
        Path file = temp.resolve("framed.json");
        robot.interact(() -> workspace.saveAs(file));
        assertThat(WorkflowCodec.read(file).canvas().frames()).containsExactly(resized);

        // Delete removes the selected frame and keeps its nodes.
        robot.clickOn(view.titleBar());
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().canvas().frames()).isEmpty();
        assertThat(window.canvas().frameViews()).isEmpty();
        assertThat(vm.getWorkflow().nodes()).hasSize(3);
        assertThat(status(robot)).isEqualTo("Deleted the frame \"Prepare\"; its nodes stay");
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().canvas().frames()).containsExactly(resized);
    }

    @Test
    void doubleClickOnAFrameTitleRenamesIt(FxRobot robot) {
        add(robot, TestRuntime.RESIZE, 150, 150);
        robot.interact(vm::selectAll);
        robot.interact(() -> vm.frameSelection("Group"));
        FrameView view = window.canvas().frameViews().values().iterator().next();

        robot.doubleClickOn(view.titleBar());
        WaitForAsyncUtils.waitForFxEvents();
        robot.push(KeyCode.CONTROL, KeyCode.A).write("Inputs").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.getWorkflow().canvas().frames().get(0).title()).isEqualTo("Inputs");
        assertThat(view.titleText()).isEqualTo("Inputs");
        // Escape leaves the title as it was.
        robot.doubleClickOn(view.titleBar());
        robot.write("x").type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.titleText()).isEqualTo("Inputs");
        assertThat(vm.getWorkflow().canvas().frames().get(0).title()).isEqualTo("Inputs");

        // The inspector shows the selected frame's title and renames it too.
        TextField inspectorTitle = robot.lookup("#inspector-frame-title").queryAs(TextField.class);
        assertThat(inspectorTitle.getText()).isEqualTo("Inputs");
        robot.clickOn(inspectorTitle).push(KeyCode.CONTROL, KeyCode.A).write("Sources").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.titleText()).isEqualTo("Sources");
        robot.clickOn("#canvas"); // in the text field, Ctrl+Z is the field's own undo
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().canvas().frames().get(0).title()).isEqualTo("Inputs");
    }

    @Test
    void aFrameCarriesTheFramesInsideItAndTakesAColourFromItsMenu(FxRobot robot) {
        NodeId resize = add(robot, TestRuntime.RESIZE, 100, 150);
        NodeId ocr = add(robot, TestRuntime.OCR, 400, 150);
        AtomicReference<String> innerId = new AtomicReference<>();
        AtomicReference<String> outerId = new AtomicReference<>();
        robot.interact(() -> {
            vm.select(java.util.Set.of(resize));
            innerId.set(vm.frameSelection("Inner").orElseThrow());
            vm.selectAll();
            outerId.set(vm.frameSelection("Outer").orElseThrow());
        });
        String inner = innerId.get();
        String outer = outerId.get();
        Frame innerBefore = vm.frame(inner).orElseThrow();
        FrameView outerView = window.canvas().frameViews().get(outer);

        // Grab the outer title right of where the inner one ends.
        Bounds title = screenBounds(outerView.titleBar());
        robot.drag(title.getMaxX() - 40, title.getCenterY(), MouseButton.PRIMARY)
                .dropTo(title.getMaxX() + 10, title.getCenterY() + 40);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.frame(inner).orElseThrow().x()).isCloseTo(innerBefore.x() + 50, within(1.0));
        assertThat(vm.frame(inner).orElseThrow().y()).isCloseTo(innerBefore.y() + 40, within(1.0));
        assertThat(at(resize).x()).isCloseTo(150, within(1.0));
        assertThat(at(ocr).x()).isCloseTo(450, within(1.0));

        title = screenBounds(outerView.titleBar());
        robot.rightClickOn(title.getMaxX() - 40, title.getCenterY()).clickOn("Colour");
        // Into the submenu sideways first: a diagonal path over the main menu would close it.
        robot.moveTo("Theme colour").clickOn("Green");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.frame(outer).orElseThrow().color()).isEqualTo("#1a7f37");
        assertThat(outerView.getStyle()).isEqualTo("-fl-frame-color: #1a7f37;");
        assertThat(vm.frame(inner).orElseThrow().color()).isNull();

        // Cut with a frame selected copies nothing and deletes nothing.
        robot.push(KeyCode.CONTROL, KeyCode.X);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().canvas().frames()).hasSize(2);
        assertThat(status(robot)).isEqualTo("Select nodes to copy");
    }

    @Test
    void groupingWithNothingSelectedSaysWhatToDo(FxRobot robot) {
        add(robot, TestRuntime.RESIZE, 150, 150);
        robot.interact(vm::clearSelection);
        robot.clickOn("#canvas");
        robot.push(KeyCode.CONTROL, KeyCode.G);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().canvas().frames()).isEmpty();
        assertThat(status(robot)).isEqualTo("Select the nodes to put in a frame");
    }

    @Test
    void alignAndDistributeThreeNodesFromTheArrangeMenuAndShortcuts(FxRobot robot) {
        NodeId a = add(robot, TestRuntime.RESIZE, 60, 40);
        NodeId b = add(robot, TestRuntime.OCR, 180, 150);
        NodeId c = add(robot, TestRuntime.LOAD_IMAGE, 120, 300);
        robot.clickOn("#canvas").push(KeyCode.CONTROL, KeyCode.A);

        robot.clickOn("Arrange").clickOn("Align Left");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(List.of(at(a).x(), at(b).x(), at(c).x())).containsOnly(60.0);
        assertThat(List.of(at(a).y(), at(b).y(), at(c).y())).containsExactly(40.0, 150.0, 300.0);
        assertThat(status(robot)).isEqualTo("Align left: 3 nodes");

        // Distribute vertically: the top and bottom node stay, the gaps between the cards become equal.
        robot.push(KeyCode.CONTROL, KeyCode.ALT, KeyCode.SHIFT, KeyCode.V);
        WaitForAsyncUtils.waitForFxEvents();
        double gap1 = at(b).y() - (at(a).y() + vm.boxOf(vm.getWorkflow().node(a).orElseThrow()).height());
        double gap2 = at(c).y() - (at(b).y() + vm.boxOf(vm.getWorkflow().node(b).orElseThrow()).height());
        assertThat(at(a).y()).isEqualTo(40.0);
        assertThat(at(c).y()).isEqualTo(300.0);
        assertThat(gap1).isCloseTo(gap2, within(1e-9));

        // Align top by its shortcut; one undo takes back only that.
        robot.push(KeyCode.ALT, KeyCode.SHIFT, KeyCode.T);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(List.of(at(a).y(), at(b).y(), at(c).y())).containsOnly(40.0);
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(at(c).y()).isEqualTo(300.0);
        assertThat(at(b).y()).isCloseTo(40 + 62 + gap1, within(1e-9));
        assertThat(status(robot)).isEqualTo("Undid align top");
    }

    @Test
    void centresAndRightEdgesLineUp(FxRobot robot) {
        NodeId a = add(robot, TestRuntime.RESIZE, 0, 0);
        NodeId b = add(robot, TestRuntime.OCR, 300, 100);
        robot.interact(vm::selectAll);
        robot.interact(() -> vm.align(dev.flowlens.app.canvas.Alignment.CENTRES_VERTICALLY));
        double ca = vm.boxOf(vm.getWorkflow().node(a).orElseThrow()).centerY();
        double cb = vm.boxOf(vm.getWorkflow().node(b).orElseThrow()).centerY();
        assertThat(ca).isEqualTo(cb);
        robot.interact(() -> vm.align(dev.flowlens.app.canvas.Alignment.RIGHT));
        assertThat(at(a).x()).isEqualTo(300.0);

        // One node is not enough to align: the status bar says so and nothing changes.
        robot.interact(() -> vm.select(java.util.Set.of(a)));
        Workflow before = vm.getWorkflow();
        robot.interact(() -> vm.align(dev.flowlens.app.canvas.Alignment.LEFT));
        assertThat(vm.getWorkflow()).isEqualTo(before);
        assertThat(status(robot)).isEqualTo("Select at least 2 nodes to align left");
    }

    private static Workflow grid(int columns, int rows) {
        List<NodeInstance> nodes = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            for (int r = 0; r < rows; r++) {
                nodes.add(new NodeInstance(NodeId.of("n" + c + "_" + r), "image.resize", "", Map.of(),
                        new Position(c * 280, r * 140)));
            }
        }
        return new Workflow(Workflow.empty("grid").id(), "grid", "", nodes, List.of(), dev.flowlens.core.model.Canvas.EMPTY);
    }

    @Test
    void clickingAndDraggingOnTheMinimapPansTheCanvas(FxRobot robot) {
        Workflow grid = grid(8, 5);
        robot.interact(() -> vm.reset(grid));
        CanvasView canvas = window.canvas();
        Minimap map = canvas.minimap();
        assertThat(map.isVisible()).isTrue();
        Rectangle2D before = canvas.visibleArea();
        // The robot clicks on whole pixels; one pixel of the map is this many canvas units.
        double pixel = map.toCanvas(1, 0).getX() - map.toCanvas(0, 0).getX();

        Point2D target = map.localToScreen(map.toMap(1500, 500));
        robot.clickOn(target.getX(), target.getY(), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Rectangle2D after = canvas.visibleArea();
        assertThat(after.getWidth()).isCloseTo(before.getWidth(), within(0.01)); // panned, not zoomed
        assertThat(after.getMinX() + after.getWidth() / 2).isCloseTo(1500, within(pixel));
        assertThat(after.getMinY() + after.getHeight() / 2).isCloseTo(500, within(pixel));
        // The outline on the map moved with the view.
        javafx.scene.shape.Rectangle outline = map.viewportOutline();
        Point2D centre = map.toMap(1500, 500);
        assertThat(outline.getX() + outline.getWidth() / 2).isCloseTo(centre.getX(), within(1.0));
        assertThat(outline.getY() + outline.getHeight() / 2).isCloseTo(centre.getY(), within(1.0));
        // Clicking on the map selects nothing and leaves the workflow alone.
        assertThat(vm.getSelection()).isEmpty();

        Point2D from = map.localToScreen(map.toMap(300, 200));
        Point2D to = map.localToScreen(map.toMap(700, 400));
        robot.drag(from.getX(), from.getY(), MouseButton.PRIMARY).dropTo(to.getX(), to.getY());
        WaitForAsyncUtils.waitForFxEvents();
        Rectangle2D dragged = canvas.visibleArea();
        assertThat(dragged.getMinX() + dragged.getWidth() / 2).isCloseTo(700, within(pixel));
        assertThat(dragged.getMinY() + dragged.getHeight() / 2).isCloseTo(400, within(pixel));
        assertThat(vm.getWorkflow()).isEqualTo(grid);
    }

    @Test
    void theMinimapStaysOutOfTheWayOfSmallGraphsAndTurnsOffFromTheViewMenu(FxRobot robot) {
        add(robot, TestRuntime.RESIZE, 60, 60);
        add(robot, TestRuntime.OCR, 360, 60);
        assertThat(window.canvas().minimap().isVisible()).isFalse();

        // A node far out of sight: now the map helps.
        add(robot, TestRuntime.LOAD_IMAGE, 4000, 2000);
        assertThat(window.canvas().minimap().isVisible()).isTrue();

        robot.clickOn("View").clickOn("Minimap");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().minimap().isVisible()).isFalse();
        robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.M);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().minimap().isVisible()).isTrue();
    }
}

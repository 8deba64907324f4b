package dev.flowlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.app.canvas.CanvasViewModel;
import dev.flowlens.app.canvas.NodeView;
import dev.flowlens.app.workspace.AppSettings;
import dev.flowlens.app.workspace.MainWindow;
import dev.flowlens.app.workspace.WorkspaceViewModel;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.model.Edge;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.PortRef;
import dev.flowlens.core.model.Position;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.validation.IssueCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the editor as a user would, headless (Monocle): mouse and keyboard in, what the window shows out. */
@ExtendWith(ApplicationExtension.class)
class EditorUiTest {
    @TempDir
    Path temp;

    private WorkspaceViewModel workspace;
    private CanvasViewModel vm;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path examples = temp.resolve("examples");
        Files.createDirectories(examples.resolve("ocr-demo"));
        Workflow demo = Workflow.empty("OCR demo")
                .withNode(new dev.flowlens.core.model.NodeInstance(NodeId.of("load"), "input.load_image", "",
                        java.util.Map.of("path", new ParamValue.Text("page.png")), new Position(0, 0)))
                .withNode(new dev.flowlens.core.model.NodeInstance(NodeId.of("ocr"), "ocr.read", "", java.util.Map.of(),
                        new Position(300, 0)))
                .withEdge(Edge.of("load.image", "ocr.image"));
        Files.writeString(examples.resolve("ocr-demo/workflow.json"), WorkflowCodec.write(demo));
        workspace = new WorkspaceViewModel(new TestRuntime(), new AppSettings(temp.resolve("home"), examples));
        vm = workspace.canvas();
        window = new MainWindow(stage, workspace);
        window.show();
    }

    private NodeId add(FxRobot robot, dev.flowlens.core.spec.NodeSpec spec, double x, double y) {
        AtomicReference<NodeId> id = new AtomicReference<>();
        robot.interact(() -> id.set(vm.addNode(spec, new Position(x, y))));
        return id.get();
    }

    private static Circle port(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Circle.class);
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    @Test
    void windowShowsPaletteCanvasInspectorAndStatusBar(FxRobot robot) {
        assertThat(robot.lookup("#palette").tryQuery()).isPresent();
        assertThat(robot.lookup("#canvas").tryQuery()).isPresent();
        assertThat(robot.lookup("#inspector").tryQuery()).isPresent();
        assertThat(robot.lookup("#problems").tryQuery()).isPresent();
        assertThat(robot.lookup("#palette-image-resize").tryQuery()).isPresent();

        robot.clickOn("#palette-search").write("ocr");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TreeView<?> tree = robot.lookup("#palette-tree").queryAs(javafx.scene.control.TreeView.class);
        assertThat(tree.getRoot().getChildren()).singleElement()
                .satisfies(category -> assertThat(category.getChildren()).extracting(i -> i.getValue().toString())
                        .containsExactly("OCR"));
    }

    @Test
    void dragFromThePaletteAddsANodeWhereItIsDropped(FxRobot robot) {
        robot.drag("#palette-image-resize", MouseButton.PRIMARY).dropTo("#canvas");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.getWorkflow().nodes()).extracting(n -> n.type()).containsExactly("image.resize");
        NodeView view = robot.lookup("#node-resize").queryAs(NodeView.class);
        assertThat(view.titleText()).isEqualTo("Resize");
        assertThat(view.inputPorts()).containsOnlyKeys("image");
        assertThat(view.outputPorts()).containsOnlyKeys("image");
        // The node landed under the drop point (the canvas centre).
        Bounds canvas = robot.lookup("#canvas").query().localToScreen(robot.lookup("#canvas").query().getBoundsInLocal());
        Bounds node = view.localToScreen(view.getBoundsInLocal());
        assertThat(node.contains(canvas.getCenterX(), canvas.getCenterY())).isTrue();
        assertThat(status(robot)).isEqualTo("Added Resize (node resize)");
    }

    @Test
    void wiringTwoPortsByDragging(FxRobot robot) {
        NodeId load = add(robot, TestRuntime.LOAD_IMAGE, 40, 60);
        NodeId resize = add(robot, TestRuntime.RESIZE, 360, 120);

        robot.drag(port(robot, "out-load_image-image"), MouseButton.PRIMARY).dropTo(port(robot, "in-resize-image"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.getWorkflow().edges()).containsExactly(new Edge(new PortRef(load, "image"), new PortRef(resize, "image")));
        assertThat(window.canvas().wires()).hasSize(1);
        assertThat(window.canvas().wires().values().iterator().next().getStyleClass()).contains("wire", "type-image");
        assertThat(status(robot)).isEqualTo("Wired Load image.image -> Resize.image");
    }

    @Test
    void aWireDraggedOffItsInputMovesToAnotherInputOrGoes(FxRobot robot) {
        NodeId load = add(robot, TestRuntime.LOAD_IMAGE, 40, 60);
        add(robot, TestRuntime.RESIZE, 360, 60);
        NodeId ocr = add(robot, TestRuntime.OCR, 360, 260);
        robot.drag(port(robot, "out-load_image-image"), MouseButton.PRIMARY).dropTo(port(robot, "in-resize-image"));

        robot.drag(port(robot, "in-resize-image"), MouseButton.PRIMARY).dropTo(port(robot, "in-read-image"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().edges()).containsExactly(new Edge(new PortRef(load, "image"), new PortRef(ocr, "image")));

        Bounds canvas = robot.lookup("#canvas").query().localToScreen(robot.lookup("#canvas").query().getBoundsInLocal());
        robot.drag(port(robot, "in-read-image"), MouseButton.PRIMARY).dropTo(canvas.getMinX() + 700, canvas.getMinY() + 500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().edges()).isEmpty();
    }

    @Test
    void anIncompatibleWireIsRefusedWithTheReasonInTheStatusBar(FxRobot robot) {
        add(robot, TestRuntime.OCR, 40, 60);
        add(robot, TestRuntime.RESIZE, 360, 120);

        robot.drag(port(robot, "out-read-text"), MouseButton.PRIMARY).dropTo(port(robot, "in-resize-image"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.getWorkflow().edges()).isEmpty();
        assertThat(status(robot)).isEqualTo("Resize.image expects Image, but OCR.text gives Text");
        assertThat(robot.lookup("#status").query().getPseudoClassStates()).extracting(Object::toString).contains("error");
    }

    @Test
    void editingAParameterValidatesLive(FxRobot robot) {
        NodeId resize = add(robot, TestRuntime.RESIZE, 60, 60);
        robot.clickOn("#node-resize");
        TextField width = robot.lookup("#editor-width").queryAs(TextField.class);
        assertThat(width.getText()).isEqualTo("512"); // the spec's default

        robot.clickOn(width);
        robot.interact(width::selectAll);
        robot.write("0").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        String expected = "Resize (node resize): Width must be between 1 and 16384, got 0";
        assertThat(vm.getWorkflow().node(resize).orElseThrow().param("width")).contains(new ParamValue.Int(0));
        assertThat(robot.lookup("#problem-width").queryAs(Label.class).getText()).isEqualTo(expected);
        assertThat(robot.lookup("#problems-list").queryListView().getItems())
                .anyMatch(i -> i.toString().contains(expected));
        NodeView node = robot.lookup("#node-resize").queryAs(NodeView.class);
        assertThat(node.badge().isVisible()).isTrue();
        assertThat(node.badge().getText()).isEqualTo("! 2"); // the range problem and the unwired input
        assertThat(node.badgeMessages()).contains(expected); // shown when hovering the badge
        assertThat(node.getPseudoClassStates()).extracting(Object::toString).contains("error");

        robot.interact(width::selectAll);
        robot.write("640").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.issuesFor(resize)).noneMatch(i -> i.code() == IssueCode.VALUE_OUT_OF_RANGE);
        assertThat(node.badge().getText()).isEqualTo("! 1");
        assertThat(robot.lookup("#problem-width").queryAs(Label.class).isVisible()).isFalse();

        // Text that is no number is marked while typing and never stored.
        robot.interact(width::selectAll);
        robot.write("abc");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#problem-width").queryAs(Label.class).getText())
                .isEqualTo("Width expected a whole number, got \"abc\"");
        assertThat(vm.getWorkflow().node(resize).orElseThrow().param("width")).contains(new ParamValue.Int(640));
    }

    @Test
    void clickingAProblemSelectsItsNode(FxRobot robot) {
        add(robot, TestRuntime.RESIZE, 60, 60);
        add(robot, TestRuntime.OCR, 400, 300);
        robot.interact(vm::clearSelection);

        @SuppressWarnings("unchecked")
        ListView<dev.flowlens.core.validation.ValidationIssue> problems = robot.lookup("#problems-list").queryListView();
        int ocrIssue = problems.getItems().stream().map(i -> i.node().value()).toList().indexOf("read");
        robot.interact(() -> problems.scrollTo(ocrIssue));
        robot.clickOn(robot.from(problems).lookup(".list-cell").match(c -> ((javafx.scene.control.ListCell<?>) c).getIndex() == ocrIssue)
                .queryAs(javafx.scene.control.ListCell.class));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.getSelection()).containsExactly(NodeId.of("read"));
        assertThat(robot.lookup("#inspector-title").queryAs(TextField.class).getPromptText()).isEqualTo("OCR");
    }

    @Test
    void undoAndRedoFromTheKeyboard(FxRobot robot) {
        add(robot, TestRuntime.LOAD_IMAGE, 40, 60);
        add(robot, TestRuntime.RESIZE, 360, 120);
        robot.drag(port(robot, "out-load_image-image"), MouseButton.PRIMARY).dropTo(port(robot, "in-resize-image"));
        Workflow wired = vm.getWorkflow();
        robot.clickOn("#node-resize");

        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().edges()).isEmpty();
        assertThat(window.canvas().wires()).isEmpty();

        robot.push(KeyCode.CONTROL, KeyCode.Y);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow()).isEqualTo(wired);
        assertThat(window.canvas().wires()).hasSize(1);
    }

    @Test
    void moveByDraggingAndNudgeWithArrows(FxRobot robot) {
        NodeId resize = add(robot, TestRuntime.RESIZE, 100, 100);
        NodeView view = robot.lookup("#node-resize").queryAs(NodeView.class);
        Bounds b = view.localToScreen(view.getBoundsInLocal());

        robot.drag(b.getMinX() + 60, b.getMinY() + 12, MouseButton.PRIMARY).dropTo(b.getMinX() + 160, b.getMinY() + 62);
        WaitForAsyncUtils.waitForFxEvents();
        Position moved = vm.getWorkflow().node(resize).orElseThrow().position();
        assertThat(moved.x()).isCloseTo(200, org.assertj.core.data.Offset.offset(1.0));
        assertThat(moved.y()).isCloseTo(150, org.assertj.core.data.Offset.offset(1.0));

        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().node(resize).orElseThrow().position().x()).isCloseTo(210, org.assertj.core.data.Offset.offset(1.0));

        robot.push(KeyCode.CONTROL, KeyCode.Z);
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().node(resize).orElseThrow().position()).isEqualTo(new Position(100, 100));
    }

    @Test
    void rubberBandSelectsAndDeleteRemoves(FxRobot robot) {
        add(robot, TestRuntime.LOAD_IMAGE, 100, 100);
        add(robot, TestRuntime.RESIZE, 400, 100);
        add(robot, TestRuntime.OCR, 100, 300); // inside the canvas above the run panel, below the band
        Bounds canvas = robot.lookup("#canvas").query().localToScreen(robot.lookup("#canvas").query().getBoundsInLocal());

        robot.drag(canvas.getMinX() + 60, canvas.getMinY() + 60, MouseButton.PRIMARY)
                .dropTo(canvas.getMinX() + 700, canvas.getMinY() + 250);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getSelection()).containsExactlyInAnyOrder(NodeId.of("load_image"), NodeId.of("resize"));

        robot.clickOn("#node-read", MouseButton.PRIMARY);
        assertThat(vm.getSelection()).containsExactly(NodeId.of("read"));
        robot.press(KeyCode.SHIFT).clickOn("#node-resize").release(KeyCode.SHIFT);
        assertThat(vm.getSelection()).containsExactlyInAnyOrder(NodeId.of("read"), NodeId.of("resize"));

        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().nodes()).extracting(n -> n.id().value()).containsExactly("load_image");
        assertThat(robot.lookup("#node-read").tryQuery()).isEmpty();
    }

    @Test
    void copyPasteAndDuplicateThroughTheClipboard(FxRobot robot) {
        add(robot, TestRuntime.RESIZE, 100, 100);
        robot.interact(() -> vm.setParam(NodeId.of("resize"), "width", new ParamValue.Int(300)));
        robot.clickOn("#node-resize");

        robot.push(KeyCode.CONTROL, KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<String> clip = new AtomicReference<>();
        robot.interact(() -> clip.set(Clipboard.getSystemClipboard().getString()));
        assertThat(clip.get()).contains("\"type\": \"image.resize\"").contains("\"width\": 300");

        robot.push(KeyCode.CONTROL, KeyCode.V);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().nodes()).extracting(n -> n.id().value()).containsExactly("resize", "resize2");
        assertThat(vm.getWorkflow().node("resize2").orElseThrow().param("width")).contains(new ParamValue.Int(300));
        assertThat(vm.getSelection()).containsExactly(NodeId.of("resize2"));

        robot.push(KeyCode.CONTROL, KeyCode.D);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.getWorkflow().nodes()).hasSize(3);
        assertThat(robot.lookup("#node-resize3").tryQuery()).isPresent();
    }

    @Test
    void saveAndReopenGiveBackWhatWasBuilt(FxRobot robot) throws Exception {
        robot.drag("#palette-input-load_image", MouseButton.PRIMARY).dropTo("#canvas");
        robot.interact(() -> vm.move(Set.of(NodeId.of("load_image")), -250, 0));
        add(robot, TestRuntime.RESIZE, 400, 300);
        robot.drag(port(robot, "out-load_image-image"), MouseButton.PRIMARY).dropTo(port(robot, "in-resize-image"));
        Path file = temp.resolve("saved/pipeline.json");
        robot.interact(() -> workspace.saveAs(file)); // what the Save As dialog does with the chosen file
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("Saved pipeline.json");

        robot.clickOn("#node-resize");
        robot.type(KeyCode.DOWN);
        assertThat(window.scene().getWindow()).isInstanceOf(Stage.class);
        assertThat(((Stage) window.scene().getWindow()).getTitle()).isEqualTo("• pipeline.json — FlowLens");
        robot.push(KeyCode.CONTROL, KeyCode.S);
        WaitForAsyncUtils.waitForFxEvents();

        Workflow built = vm.getWorkflow();
        assertThat(((Stage) window.scene().getWindow()).getTitle()).isEqualTo("pipeline.json — FlowLens");
        assertThat(Files.readString(file)).isEqualTo(WorkflowCodec.write(built));
        assertThat(WorkflowCodec.read(file)).isEqualTo(built);
        assertThat(built.edges()).containsExactly(Edge.of("load_image.image", "resize.image"));

        robot.interact(workspace::newWorkflow);
        assertThat(vm.getWorkflow().nodes()).isEmpty();
        robot.interact(() -> workspace.open(file));
        assertThat(vm.getWorkflow()).isEqualTo(built);
        assertThat(window.canvas().nodeViews()).hasSize(2);
        assertThat(window.canvas().wires()).hasSize(1);
    }

    @Test
    void openAnExampleFromTheFileMenu(FxRobot robot) {
        robot.clickOn("File").clickOn("Open Example").clickOn("Ocr demo");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.getWorkflow().name()).isEqualTo("OCR demo");
        assertThat(window.canvas().nodeViews()).containsOnlyKeys(NodeId.of("load"), NodeId.of("ocr"));
        assertThat(window.canvas().wires()).hasSize(1);
        assertThat(vm.getIssues()).noneMatch(i -> i.code() == IssueCode.UNKNOWN_NODE_TYPE);
        assertThat(status(robot)).startsWith("Opened the example Ocr demo");
    }

    @Test
    void wheelZoomsAndFitShowsEverything(FxRobot robot) {
        add(robot, TestRuntime.RESIZE, -2000, -1500);
        add(robot, TestRuntime.OCR, 3000, 2000);
        robot.moveTo("#canvas").scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().getZoom()).isNotEqualTo(1.0);

        robot.clickOn("#tool-fit");
        WaitForAsyncUtils.waitForFxEvents();
        Bounds canvas = robot.lookup("#canvas").query().localToScreen(robot.lookup("#canvas").query().getBoundsInLocal());
        for (NodeView v : window.canvas().nodeViews().values()) {
            Bounds b = v.localToScreen(v.getBoundsInLocal());
            assertThat(canvas.contains(b)).as("node %s is visible", v.node().id()).isTrue();
        }
    }

    @Test
    void doubleClickOnTheCanvasSearchesAndAddsANode(FxRobot robot) {
        Bounds canvas = robot.lookup("#canvas").query().localToScreen(robot.lookup("#canvas").query().getBoundsInLocal());
        robot.doubleClickOn(canvas.getMinX() + 200, canvas.getMinY() + 150, MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        robot.write("ocr").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.getWorkflow().nodes()).extracting(n -> n.type()).containsExactly("ocr.read");
        assertThat(vm.getWorkflow().nodes().get(0).position().x()).isCloseTo(200, org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void aWireDroppedOnEmptyCanvasOffersCompatibleNodesAndWiresTheChosenOne(FxRobot robot) {
        add(robot, TestRuntime.LOAD_IMAGE, 40, 60);
        Bounds canvas = robot.lookup("#canvas").query().localToScreen(robot.lookup("#canvas").query().getBoundsInLocal());

        robot.drag(port(robot, "out-load_image-image"), MouseButton.PRIMARY).dropTo(canvas.getMinX() + 500, canvas.getMinY() + 300);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ListView<dev.flowlens.core.spec.NodeSpec> offered = robot.lookup("#node-search-list").queryAs(ListView.class);
        assertThat(offered.getItems()).extracting(dev.flowlens.core.spec.NodeSpec::typeId)
                .containsExactlyInAnyOrder("image.resize", "ocr.read", "vlm.ask");
        robot.write("vlm").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.getWorkflow().edges()).containsExactly(Edge.of("load_image.image", "ask.image"));
    }

    @Test
    void themeSwitchesToDark(FxRobot robot) {
        robot.clickOn("#tool-theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.scene().getStylesheets()).anyMatch(s -> s.endsWith("theme-dark.css"));
        assertThat(workspace.settings().darkTheme()).isTrue(); // remembered for the next start
        robot.clickOn("#tool-theme");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.scene().getStylesheets()).anyMatch(s -> s.endsWith("theme-light.css"));
    }
}

package dev.flowlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.app.workspace.AppSettings;
import dev.flowlens.app.workspace.Example;
import dev.flowlens.app.workspace.MainWindow;
import dev.flowlens.app.workspace.WorkspaceViewModel;
import dev.flowlens.core.validation.ValidationIssue;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.robot.Motion;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Every bundled example opens from File → Open Example with the real runtime: every node drawn, no errors. */
@ExtendWith(ApplicationExtension.class)
class BundledExamplesUiTest {
    @TempDir
    Path temp;

    private FlowLens runtime;
    private WorkspaceViewModel workspace;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        runtime = FlowLens.open(RuntimeConfig.defaults().withDataFolder(temp.resolve("data")));
        Path examples = Path.of(System.getProperty("flowlens.examples", "../examples"));
        workspace = new WorkspaceViewModel(runtime, new AppSettings(temp.resolve("home"), examples));
        window = new MainWindow(stage, workspace);
        window.show();
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    @Test
    void everyExampleOpensFromTheMenuWithoutProblems(FxRobot robot) {
        List<Example> examples = workspace.examples();
        assertThat(examples).as("examples under %s", workspace.settings().examples().toAbsolutePath()).isNotEmpty();
        for (Example example : examples) {
            robot.clickOn("File").clickOn("Open Example");
            // Into the submenu sideways first, as a person does: a diagonal path crosses other File items,
            // which closes the submenu before the click lands.
            Node item = robot.lookup(example.title())
                    .match(n -> n.getScene() != null && n.getScene().getWindow() != null
                            && n.getScene().getWindow().isShowing())
                    .query();
            robot.clickOn(item, Motion.HORIZONTAL_FIRST);
            WaitForAsyncUtils.waitForFxEvents();

            var workflow = workspace.canvas().getWorkflow();
            assertThat(workspace.canvas().getStatus()).startsWith("Opened the example " + example.title());
            assertThat(workflow.nodes()).isNotEmpty();
            assertThat(window.canvas().nodeViews()).hasSize(workflow.nodes().size());
            assertThat(window.canvas().wires()).hasSize(workflow.edges().size());
            assertThat(window.canvas().frameViews()).hasSize(workflow.canvas().frames().size());
            assertThat(workspace.canvas().getIssues()).as(example.name()).filteredOn(ValidationIssue::isError).isEmpty();
        }
    }

    /** The README's editor screenshots (light and dark): the images-report example, its frames and a selected node. */
    @Test
    void editorScreenshotsWithTheImagesReportExample(FxRobot robot) {
        Example report = workspace.examples().stream().filter(e -> e.name().equals("images-report")).findFirst().orElseThrow();
        robot.interact(() -> {
            workspace.openExample(report);
            window.canvas().fitToView();
            workspace.canvas().selectOnly(dev.flowlens.core.model.NodeId.of("resize"));
        });
        assertThat(window.canvas().frameViews()).hasSize(2);
        robot.interact(() -> Screenshots.save(window.scene(), "editor-light.png"));
        robot.clickOn("#tool-theme").moveTo("#status"); // no hover highlight on the button in the picture
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.save(window.scene(), "editor-dark.png"));
        robot.clickOn("#tool-theme");
    }
}

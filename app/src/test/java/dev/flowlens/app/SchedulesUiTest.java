package dev.flowlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.app.workspace.AppSettings;
import dev.flowlens.app.workspace.MainWindow;
import dev.flowlens.app.workspace.WorkspaceViewModel;
import dev.flowlens.runtime.api.Schedules;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The scheduler panel over a real SQLite store in a temp data folder: a bad cron is explained as it is typed,
 * a good one shows its next five fire times, and a saved schedule appears in the list (and in the store).
 */
@ExtendWith(ApplicationExtension.class)
class SchedulesUiTest {
    @TempDir
    Path temp;

    private WorkspaceViewModel workspace;
    private MainWindow window;
    private Path workflow;

    @Start
    void start(Stage stage) throws Exception {
        workflow = temp.resolve("hourly.json");
        Files.writeString(workflow, "{\"formatVersion\":1,\"id\":\"h\",\"name\":\"Hourly\",\"nodes\":[],\"edges\":[]}");
        workspace = new WorkspaceViewModel(new TestRuntime(), new AppSettings(temp.resolve("data").resolve("app"), temp));
        window = new MainWindow(stage, workspace);
        workspace.open(workflow);
        window.show();
    }

    @Test
    void aBadCronIsExplainedAGoodOneShowsFireTimesAndTheSavedScheduleIsListed(FxRobot robot) {
        robot.interact(window::showSchedules);
        WaitForAsyncUtils.waitForFxEvents();
        TextField cron = robot.lookup("#schedule-cron").queryAs(TextField.class);
        assertThat(robot.lookup("#schedule-workflow").queryAs(TextField.class).getText()).isEqualTo(workflow.toString());

        robot.interact(() -> {
            cron.requestFocus();
            cron.clear();
        });
        robot.write("0 25 * * *");
        WaitForAsyncUtils.waitForFxEvents();
        Label feedback = robot.lookup("#cron-feedback").queryAs(Label.class);
        assertThat(feedback.getText()).contains("hour field \"25\" at position 3");
        assertThat(feedback.getPseudoClassStates()).extracting(Object::toString).contains("error");
        assertThat(robot.lookup("#cron-next").queryAs(ListView.class).getItems()).isEmpty();
        robot.clickOn("#schedule-save");
        assertThat(robot.lookup("#schedule-message").queryAs(Label.class).getText()).contains("hour field");
        assertThat(window.schedulesView().table().getItems()).isEmpty();

        robot.interact(() -> {
            cron.requestFocus();
            cron.clear();
        });
        robot.write("30 2 * * *");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(feedback.getText()).contains("02:30");
        assertThat(feedback.getPseudoClassStates()).extracting(Object::toString).doesNotContain("error");
        assertThat(robot.lookup("#cron-next").queryAs(ListView.class).getItems()).hasSize(5)
                .allSatisfy(t -> assertThat(t.toString()).contains("02:30"));

        robot.clickOn("#schedule-save");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<Schedules.Schedule> table = window.schedulesView().table();
        assertThat(table.getItems()).singleElement().satisfies(s -> {
            assertThat(s.workflowFile()).isEqualTo(workflow.toAbsolutePath().normalize());
            assertThat(s.cron()).isEqualTo("30 2 * * *");
            assertThat(s.nextFire()).isPresent();
        });
        assertThat(robot.lookup("#schedule-message").queryAs(Label.class).getText()).startsWith("Saved schedule ");
        assertThat(robot.lookup("hourly.json").tryQuery()).isPresent();
        robot.interact(() -> Screenshots.save(window.scene(), "schedules.png"));

        // Disabled from the panel, the store says so too.
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#schedule-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems().get(0).enabled()).isFalse();
        try (Schedules store = Schedules.open(temp.resolve("data"))) {
            assertThat(store.list()).singleElement().satisfies(s -> assertThat(s.enabled()).isFalse());
        }
    }
}

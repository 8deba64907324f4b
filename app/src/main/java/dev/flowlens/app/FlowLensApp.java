package dev.flowlens.app;

import dev.flowlens.app.workspace.AppSettings;
import dev.flowlens.app.workspace.MainWindow;
import dev.flowlens.app.workspace.WorkspaceViewModel;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FlowLens editor application: opens the runtime (node types found on the class path), shows the main
 * window, and opens a workflow file given as the first argument. Closes the runtime when the window goes.
 */
public final class FlowLensApp extends Application {
    /** The start of the log line that says when the first frame was ready. */
    public static final String FIRST_FRAME = "main window: first frame";
    private static final Logger LOG = LoggerFactory.getLogger(FlowLensApp.class);

    private FlowLens runtime;

    @Override
    public void start(Stage stage) {
        AppSettings settings = AppSettings.fromSystem();
        // One data folder for everything the window shows: models the nodes load, schedules, history.
        runtime = FlowLens.open(RuntimeConfig.defaults().withDataFolder(settings.dataFolder()));
        WorkspaceViewModel workspace = new WorkspaceViewModel(runtime, settings);
        MainWindow window = new MainWindow(stage, workspace);
        window.operations().setFileOpener(file -> getHostServices().showDocument(file.toUri().toString()));
        List<String> args = getParameters().getUnnamed();
        if (!args.isEmpty()) {
            workspace.open(Path.of(args.get(0)));
        }
        window.show();
        reportFirstFrame(stage);
        if (!args.isEmpty()) {
            javafx.application.Platform.runLater(window.canvas()::fitToView);
        }
    }

    /**
     * Logs (at info: {@code FLOWLENS_LOG_LEVEL=info}) how long after the JVM started the main window's first frame
     * was laid out, for bug reports about slow starts and for the start-up benchmark.
     */
    private static void reportFirstFrame(Stage stage) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            stage.getScene().removePostLayoutPulseListener(once[0]);
            LOG.info("{} {} ms after the JVM started", FIRST_FRAME, ManagementFactory.getRuntimeMXBean().getUptime());
        };
        stage.getScene().addPostLayoutPulseListener(once[0]);
    }

    @Override
    public void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }
}

package dev.flowlens.app;

import dev.flowlens.app.workspace.AppSettings;
import dev.flowlens.app.workspace.MainWindow;
import dev.flowlens.app.workspace.WorkspaceViewModel;
import dev.flowlens.runtime.api.FlowLens;
import dev.flowlens.runtime.api.RuntimeConfig;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The FlowLens editor application: opens the runtime (node types found on the class path), shows the main
 * window, and opens a workflow file given as the first argument. Closes the runtime when the window goes.
 */
public final class FlowLensApp extends Application {
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
        if (!args.isEmpty()) {
            javafx.application.Platform.runLater(window.canvas()::fitToView);
        }
    }

    @Override
    public void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }
}

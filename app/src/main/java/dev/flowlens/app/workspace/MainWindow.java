package dev.flowlens.app.workspace;

import dev.flowlens.app.canvas.CanvasView;
import dev.flowlens.app.canvas.CanvasViewModel;
import dev.flowlens.app.inspector.InspectorView;
import dev.flowlens.app.inspector.ProblemsView;
import dev.flowlens.app.palette.PaletteView;
import dev.flowlens.app.palette.PaletteViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The editor window: menu bar and toolbar, the palette on the left, the canvas in the middle, the inspector
 * and Problems list on the right, a status bar. Menu actions are one-line calls into the view models;
 * this class adds only what needs a window: file dialogs, the clipboard, prompts and the theme.
 */
public final class MainWindow {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final FileChooser.ExtensionFilter JSON_FILES =
            new FileChooser.ExtensionFilter("FlowLens workflows (*.json)", "*.json");

    private final Stage stage;
    private final WorkspaceViewModel model;
    private final CanvasViewModel canvasModel;
    private final CanvasView canvas;
    private final Scene scene;
    private final Menu recentMenu = new Menu("Open Recent");
    private final Menu examplesMenu = new Menu("Open Example");
    private final CheckMenuItem darkTheme = new CheckMenuItem("Dark Theme");
    private final CheckMenuItem minimap = new CheckMenuItem("Minimap");
    private final PauseTransition autosave = new PauseTransition(Duration.seconds(2));
    private final dev.flowlens.app.run.RunViewModel runs;
    private final dev.flowlens.app.run.RunPanel runPanel;
    private final dev.flowlens.app.schedule.SchedulesViewModel schedules;
    private final dev.flowlens.app.schedule.SchedulesView schedulesView;
    private final javafx.scene.control.Tab schedulesTab;
    private final dev.flowlens.app.ops.OperationsTabs operations;

    public MainWindow(Stage stage, WorkspaceViewModel model) {
        this.stage = stage;
        this.model = model;
        this.canvasModel = model.canvas();
        this.canvas = new CanvasView(canvasModel);
        this.runs = new dev.flowlens.app.run.RunViewModel(model.runtime(), canvasModel, model::runBase,
                model.settings().home().resolve("runs"));
        this.runPanel = new dev.flowlens.app.run.RunPanel(runs, canvasModel);
        runs.statesProperty().addListener((obs, old, now) -> canvas.showRun(now));
        Path dataFolder = model.settings().dataFolder();
        this.schedules = new dev.flowlens.app.schedule.SchedulesViewModel(
                () -> dev.flowlens.runtime.api.Schedules.open(dataFolder), () -> model.getFile().orElse(null));
        this.schedulesView = new dev.flowlens.app.schedule.SchedulesView(schedules);
        this.schedulesTab = new javafx.scene.control.Tab("Schedules", schedulesView);
        schedulesTab.setId("tab-schedules");
        schedulesTab.setOnSelectionChanged(e -> {
            if (schedulesTab.isSelected()) {
                schedules.refresh();
                if (schedules.editingProperty().get() == null) {
                    schedules.newSchedule();
                }
            }
        });
        runPanel.getTabs().add(schedulesTab);
        this.operations = new dev.flowlens.app.ops.OperationsTabs(dataFolder, runs, model.runtime().catalog(),
                canvasModel::getWorkflow, () -> model.getFile().orElse(null));
        operations.addTo(runPanel);

        PaletteView palette = new PaletteView(new PaletteViewModel(canvasModel.catalog()));
        InspectorView inspector = new InspectorView(canvasModel);
        ProblemsView problems = new ProblemsView(canvasModel);
        SplitPane right = new SplitPane(inspector, problems);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.68);
        SplitPane canvasAndRun = new SplitPane(canvas, runPanel);
        canvasAndRun.setOrientation(Orientation.VERTICAL);
        canvasAndRun.setDividerPositions(0.62);
        SplitPane.setResizableWithParent(runPanel, false);
        SplitPane center = new SplitPane(palette, canvasAndRun, right);
        center.setDividerPositions(0.15, 0.78);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(right, false);

        BorderPane root = new BorderPane(center);
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setBottom(statusBar());
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1600, screen.getWidth() * 0.95), Math.min(1000, screen.getHeight() * 0.92));
        darkTheme.setSelected(model.settings().darkTheme());
        Themes.apply(scene, darkTheme.isSelected());
        installKeys();

        stage.setScene(scene);
        stage.titleProperty().bind(model.titleProperty());
        stage.setOnCloseRequest(e -> {
            if (!confirmDiscard("closing") || !askAboutSchedules()) {
                e.consume();
            } else {
                model.deleteRecoveryCopy();
            }
        });
        stage.setOnHidden(e -> {
            runs.cancel();
            schedules.close();
            operations.close();
        });
        autosave.setOnFinished(e -> model.writeRecoveryCopy());
        canvasModel.workflowProperty().addListener((obs, old, now) -> autosave.playFromStart());
    }

    public Scene scene() {
        return scene;
    }

    public CanvasView canvas() {
        return canvas;
    }

    public dev.flowlens.app.run.RunViewModel runs() {
        return runs;
    }

    public dev.flowlens.app.run.RunPanel runPanel() {
        return runPanel;
    }

    public dev.flowlens.app.schedule.SchedulesViewModel schedules() {
        return schedules;
    }

    public dev.flowlens.app.schedule.SchedulesView schedulesView() {
        return schedulesView;
    }

    /** The History, Dashboard, Alerts and Models tabs. */
    public dev.flowlens.app.ops.OperationsTabs operations() {
        return operations;
    }

    /** Shows the scheduler panel. */
    public void showSchedules() {
        runPanel.getSelectionModel().select(schedulesTab);
    }

    /**
     * On closing: enabled schedules keep running only while the background service ({@code flowlens service})
     * runs, so ask whether to keep them enabled for it or pause them. False when the user cancels closing.
     */
    private boolean askAboutSchedules() {
        long enabled = schedules.enabledCount();
        if (enabled == 0) {
            return true;
        }
        ButtonType keep = new ButtonType("Keep running in the background", ButtonBar.ButtonData.YES);
        ButtonType pause = new ButtonType("Pause them", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, enabled + " schedule" + (enabled == 1 ? " is" : "s are")
                + " enabled. The background service (flowlens service, installed as a systemd --user unit) keeps "
                + "running them while this window is closed. Keep them running?", keep, pause, ButtonType.CANCEL);
        ask.setHeaderText("Keep schedules running?");
        ask.initOwner(stage);
        ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == pause) {
            schedules.pauseAll();
        }
        return answer != ButtonType.CANCEL;
    }

    public WorkspaceViewModel model() {
        return model;
    }

    /** Shows the window; offers the recovery copy of a session that ended with unsaved changes. */
    public void show() {
        stage.show();
        Platform.runLater(canvas::requestFocus);
        if (model.recoveryCopy().isPresent()) {
            Platform.runLater(() -> {
                Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                        "FlowLens found unsaved changes from the last session. Restore them?",
                        ButtonType.YES, ButtonType.NO);
                ask.setHeaderText("Restore unsaved work?");
                ask.initOwner(stage);
                if (ask.showAndWait().orElse(ButtonType.NO) == ButtonType.YES) {
                    model.restoreRecoveryCopy();
                } else {
                    model.deleteRecoveryCopy();
                }
            });
        }
    }

    // ------------------------------------------------------------------ menus and toolbar

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("New", "Shortcut+N", this::newWorkflow),
                item("Open…", "Shortcut+O", this::open),
                recentMenu,
                examplesMenu,
                new SeparatorMenuItem(),
                item("Save", "Shortcut+S", this::save),
                item("Save As…", "Shortcut+Shift+S", this::saveAs),
                new SeparatorMenuItem(),
                item("Exit", null, () -> {
                    if (confirmDiscard("exiting")) {
                        model.deleteRecoveryCopy();
                        stage.close();
                    }
                }));
        file.setOnShowing(e -> fillFileMenus());
        fillFileMenus();

        Menu edit = new Menu("Edit");
        MenuItem undo = item("Undo", "Shortcut+Z", () -> unlessTyping(canvasModel::undo));
        undo.disableProperty().bind(canvasModel.canUndoProperty().not());
        MenuItem redo = item("Redo", "Shortcut+Y", () -> unlessTyping(canvasModel::redo));
        redo.disableProperty().bind(canvasModel.canRedoProperty().not());
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("Cut", "Shortcut+X", () -> unlessTyping(() -> {
                    copy();
                    if (!canvasModel.getSelection().isEmpty()) {
                        canvasModel.deleteSelection(); // never a selected frame: frames are not copied
                    }
                })),
                item("Copy", "Shortcut+C", () -> unlessTyping(this::copy)),
                item("Paste", "Shortcut+V", () -> unlessTyping(this::paste)),
                item("Duplicate", "Shortcut+D", () -> unlessTyping(canvasModel::duplicateSelection)),
                item("Delete", "Delete", () -> unlessTyping(canvasModel::deleteSelection)),
                new SeparatorMenuItem(),
                item("Select All", "Shortcut+A", () -> unlessTyping(canvasModel::selectAll)),
                item("Add Node…", "Shortcut+Shift+A", () -> canvas.showNodeSearch(
                        spec -> canvasModel.addNode(spec, canvas.visibleCenter()))),
                item("Find Node…", "Shortcut+F", this::findNode));

        Menu view = new Menu("View");
        darkTheme.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+T"));
        darkTheme.setOnAction(e -> applyTheme());
        minimap.setId("menu-minimap");
        minimap.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+M"));
        minimap.selectedProperty().bindBidirectional(canvas.minimapEnabledProperty());
        view.getItems().addAll(
                item("Fit to View", "Shortcut+0", canvas::fitToView),
                item("Zoom In", "Shortcut+Equals", canvas::zoomIn),
                item("Zoom Out", "Shortcut+Minus", canvas::zoomOut),
                minimap,
                new SeparatorMenuItem(),
                darkTheme);
        Menu run = new Menu("Run");
        MenuItem runAll = item("Run", "Shortcut+Enter", runs::run);
        runAll.disableProperty().bind(runs.runningProperty());
        MenuItem runTo = item("Run to Selected Node", "Shortcut+Shift+Enter", runs::runToSelection);
        runTo.disableProperty().bind(runs.runningProperty());
        MenuItem cancel = item("Cancel Run", "Shortcut+Period", runs::cancel);
        cancel.disableProperty().bind(runs.runningProperty().not());
        run.getItems().addAll(runAll, runTo, cancel, new SeparatorMenuItem(), item("Schedules…", null, this::showSchedules));
        MenuBar bar = new MenuBar(file, edit, arrangeMenu(), view, run);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    /** Frames and alignment; the shortcuts act on the canvas unless a text field has the focus. */
    private Menu arrangeMenu() {
        Menu arrange = new Menu("Arrange");
        arrange.getItems().addAll(
                item("Group in Frame", "Shortcut+G", () -> unlessTyping(() ->
                        canvasModel.frameSelection("Group").ifPresent(canvas::editFrameTitle))),
                item("Rename Frame", "F2", () -> unlessTyping(() -> {
                    if (canvasModel.getSelectedFrame() == null) {
                        canvasModel.info("Select a frame (click its title) to rename it");
                    } else {
                        canvas.editFrameTitle(canvasModel.getSelectedFrame());
                    }
                })),
                new SeparatorMenuItem());
        for (dev.flowlens.app.canvas.Alignment how : dev.flowlens.app.canvas.Alignment.values()) {
            MenuItem item = item(how.menuText(), how.accelerator(), () -> unlessTyping(() -> canvasModel.align(how)));
            item.setId("menu-" + how.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            arrange.getItems().add(item);
            if (how == dev.flowlens.app.canvas.Alignment.CENTRES_VERTICALLY) {
                arrange.getItems().add(new SeparatorMenuItem());
            }
        }
        return arrange;
    }

    private void fillFileMenus() {
        examplesMenu.getItems().clear();
        for (Example example : model.examples()) {
            MenuItem item = new MenuItem(example.title());
            item.setId("example-" + example.name());
            item.setOnAction(e -> {
                if (confirmDiscard("opening an example")) {
                    model.openExample(example);
                    Platform.runLater(canvas::fitToView);
                }
            });
            examplesMenu.getItems().add(item);
        }
        if (examplesMenu.getItems().isEmpty()) {
            MenuItem none = new MenuItem("No examples in " + model.settings().examples().toAbsolutePath());
            none.setDisable(true);
            examplesMenu.getItems().add(none);
        }
        recentMenu.getItems().clear();
        for (Path p : model.recentFiles().files()) {
            MenuItem item = new MenuItem(p.toString());
            item.setOnAction(e -> {
                if (confirmDiscard("opening another workflow") && model.open(p)) {
                    Platform.runLater(canvas::fitToView);
                }
            });
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private ToolBar toolBar() {
        Button newButton = button("New", "New workflow (Ctrl+N)", this::newWorkflow);
        Button openButton = button("Open", "Open a workflow (Ctrl+O)", this::open);
        Button saveButton = button("Save", "Save (Ctrl+S)", this::save);
        Button undoButton = button("Undo", "Undo (Ctrl+Z)", canvasModel::undo);
        undoButton.disableProperty().bind(canvasModel.canUndoProperty().not());
        Button redoButton = button("Redo", "Redo (Ctrl+Y)", canvasModel::redo);
        redoButton.disableProperty().bind(canvasModel.canRedoProperty().not());
        Button fit = button("Fit", "Fit to view (Ctrl+0)", canvas::fitToView);
        Button theme = button("Theme", "Switch light/dark theme (Ctrl+Shift+T)", () -> {
            darkTheme.setSelected(!darkTheme.isSelected());
            applyTheme();
        });
        Button runButton = button("Run", "Run the workflow (Ctrl+Enter)", runs::run);
        runButton.getStyleClass().add("run-button");
        runButton.disableProperty().bind(runs.runningProperty());
        Button runTo = button("Run to selected", "Run only what the selected nodes need (Ctrl+Shift+Enter)",
                runs::runToSelection);
        runTo.setId("tool-run-to");
        runTo.disableProperty().bind(runs.runningProperty().or(Bindings.createBooleanBinding(
                () -> canvasModel.getSelection().isEmpty(), canvasModel.selectionProperty())));
        Button cancel = button("Cancel", "Cancel the run (Ctrl+.)", runs::cancel);
        cancel.disableProperty().bind(runs.runningProperty().not());
        return new ToolBar(newButton, openButton, saveButton, new Separator(Orientation.VERTICAL),
                undoButton, redoButton, new Separator(Orientation.VERTICAL), fit, theme,
                new Separator(Orientation.VERTICAL), runButton, runTo, cancel);
    }

    private void applyTheme() {
        Themes.apply(scene, darkTheme.isSelected());
        model.settings().rememberTheme(darkTheme.isSelected());
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId("tool-" + text.toLowerCase(java.util.Locale.ROOT));
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    private Node statusBar() {
        Label message = new Label();
        message.setId("status");
        message.getStyleClass().add("status-message");
        message.textProperty().bind(canvasModel.statusProperty());
        canvasModel.statusIsErrorProperty().addListener((obs, old, now) -> message.pseudoClassStateChanged(ERROR, now));
        message.setMinWidth(0);
        Label counts = new Label();
        counts.textProperty().bind(Bindings.createStringBinding(() -> canvasModel.getWorkflow().nodes().size() + " nodes · "
                + canvasModel.getWorkflow().edges().size() + " wires", canvasModel.workflowProperty()));
        Label zoom = new Label();
        zoom.setId("zoom-level");
        zoom.textProperty().bind(Bindings.createStringBinding(
                () -> Math.round(canvas.getZoom() * 100) + "%", canvas.zoomLevelProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(16, message, spacer, counts, zoom);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    // ------------------------------------------------------------------ actions that need the window

    private void newWorkflow() {
        if (confirmDiscard("starting a new workflow")) {
            model.newWorkflow();
            canvas.fitToView();
        }
    }

    private void open() {
        if (!confirmDiscard("opening another workflow")) {
            return;
        }
        FileChooser chooser = chooser("Open workflow");
        File chosen = chooser.showOpenDialog(stage);
        if (chosen != null && model.open(chosen.toPath())) {
            canvas.fitToView();
        }
    }

    private boolean save() {
        return model.getFile().isPresent() ? model.save() : saveAs();
    }

    private boolean saveAs() {
        FileChooser chooser = chooser("Save workflow as");
        String name = canvasModel.getWorkflow().name();
        chooser.setInitialFileName((name.isBlank() ? "workflow" : name) + ".json");
        File chosen = chooser.showSaveDialog(stage);
        return chosen != null && model.saveAs(chosen.toPath());
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(JSON_FILES);
        model.getFile().map(Path::getParent).map(Path::toFile).filter(File::isDirectory)
                .ifPresent(chooser::setInitialDirectory);
        return chooser;
    }

    /** Asks before unsaved changes are lost; true when it is fine to go on. */
    private boolean confirmDiscard(String doing) {
        if (!model.isDirty()) {
            return true;
        }
        ButtonType saveButton = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Save your changes before " + doing + "?",
                saveButton, discard, ButtonType.CANCEL);
        ask.setHeaderText("The workflow has unsaved changes");
        ask.initOwner(stage);
        ButtonType answer = ask.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == saveButton) {
            return save();
        }
        return answer == discard;
    }

    private void copy() {
        canvasModel.copySelection().ifPresent(json -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(json);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    private void paste() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (!clipboard.hasString()) {
            canvasModel.error("The clipboard holds no text to paste");
            return;
        }
        canvasModel.paste(clipboard.getString());
    }

    private void findNode() {
        TextInputDialog ask = new TextInputDialog();
        ask.setTitle("Find node");
        ask.setHeaderText("Find a node by title, id or type");
        ask.initOwner(stage);
        Optional<String> query = ask.showAndWait();
        query.ifPresent(canvasModel::findAndReveal);
    }

    /** Edit shortcuts act on the canvas, except while a text field has the focus: then they are the field's. */
    private void unlessTyping(Runnable action) {
        if (!(scene.getFocusOwner() instanceof TextInputControl)) {
            action.run();
        }
    }

    private void installKeys() {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && !(scene.getFocusOwner() instanceof TextInputControl)) {
                canvas.setSpaceDown(true);
            }
        });
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                canvas.setSpaceDown(false);
            }
        });
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            double step = e.isShiftDown() ? 50 : 10;
            switch (e.getCode()) {
                case LEFT -> canvasModel.moveSelection(-step, 0);
                case RIGHT -> canvasModel.moveSelection(step, 0);
                case UP -> canvasModel.moveSelection(0, -step);
                case DOWN -> canvasModel.moveSelection(0, step);
                case BACK_SPACE -> canvasModel.deleteSelection();
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }
}

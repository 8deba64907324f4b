package dev.flowlens.app.ops;

import dev.flowlens.runtime.api.Operations;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The History tab: every run in history (trigger, status, times, items) on the left; the selected run's facts,
 * node results and output files on the right, with the opened file previewed below. Handlers are one-line calls
 * into {@link HistoryViewModel}.
 */
public final class HistoryView extends SplitPane {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass MISSING = PseudoClass.getPseudoClass("missing");

    private final HistoryViewModel model;
    private final TableView<Operations.PastRun> table = new TableView<>();
    private final ListView<Operations.OutputFile> files = new ListView<>();

    public HistoryView(HistoryViewModel model) {
        this.model = model;
        setId("history");
        getStyleClass().add("history");
        getItems().addAll(listPane(), detailPane(), previewPane());
        setDividerPositions(0.42, 0.7);
    }

    public TableView<Operations.PastRun> table() {
        return table;
    }

    public ListView<Operations.OutputFile> files() {
        return files;
    }

    private VBox listPane() {
        table.setId("history-runs");
        table.setItems(model.runs());
        table.setPlaceholder(new Label("No runs in history yet"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Started", r -> OpsText.shortTime(r.startedAt())));
        table.getColumns().add(column("Workflow", r -> fileName(r.workflowFile())));
        table.getColumns().add(column("Trigger", Operations.PastRun::trigger));
        table.getColumns().add(column("Status", Operations.PastRun::status));
        table.getColumns().add(column("Took", r -> r.duration().map(d -> OpsText.millis(d.toMillis())).orElse("—")));
        table.getColumns().add(column("Items", r -> r.itemsOk() + " ok / " + r.itemsFailed() + " failed"));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Operations.PastRun r, boolean empty) {
                super.updateItem(r, empty);
                boolean bad = !empty && r != null && (r.status().equals("failed") || r.status().equals("interrupted"));
                pseudoClassStateChanged(FAILED, bad);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.select(now));
        Button refresh = new Button("Refresh");
        refresh.setId("history-refresh");
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> model.refresh());
        Label message = new Label();
        message.setId("history-message");
        message.getStyleClass().add("ops-message");
        message.textProperty().bind(model.messageProperty());
        model.messageIsErrorProperty().addListener((obs, old, now) -> message.pseudoClassStateChanged(ERROR, now));
        HBox bar = new HBox(8, refresh, message);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(4, bar, table);
        box.setPadding(new Insets(4));
        return box;
    }

    private VBox detailPane() {
        Label facts = new Label();
        facts.setId("history-facts");
        facts.setWrapText(true);
        facts.textProperty().bind(model.factsProperty());
        Button onCanvas = new Button("Show on canvas");
        onCanvas.setId("history-show-on-canvas");
        onCanvas.disableProperty().bind(model.canShowOnCanvasProperty().not());
        onCanvas.setOnAction(e -> model.showOnCanvas());
        onCanvas.setMinWidth(Region.USE_PREF_SIZE);
        ListView<String> nodes = new ListView<>(model.nodeLines());
        nodes.setId("history-nodes");
        nodes.setPrefHeight(90);
        files.setId("history-files");
        files.setItems(model.files());
        files.setPrefHeight(90);
        files.setPlaceholder(new Label("No files written"));
        files.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Operations.OutputFile f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : f.path().getFileName() + "  (" + OpsText.bytes(f.size())
                        + (f.present() ? "" : ", gone") + ")  in " + f.path().getParent());
                pseudoClassStateChanged(MISSING, !empty && f != null && !f.present());
            }
        });
        files.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.open(now));
        VBox.setVgrow(files, Priority.ALWAYS);
        VBox box = new VBox(4, facts, onCanvas, new Label("Nodes"), nodes, new Label("Files (select one to open it)"), files);
        box.setPadding(new Insets(4));
        return box;
    }

    private VBox previewPane() {
        Label previewTitle = new Label();
        previewTitle.textProperty().bind(model.previewTitleProperty());
        BorderPane preview = new BorderPane(new Label("Select a file to open it here"));
        preview.setId("history-preview");
        model.previewProperty().addListener((obs, old, now) -> preview.setCenter(now == null
                ? new Label("Select a file to open it here") : FilePreview.of(now)));
        VBox.setVgrow(preview, Priority.ALWAYS);
        Button open = new Button("Open in its program");
        open.setId("history-open-file");
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.disableProperty().bind(files.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> model.openExternally(files.getSelectionModel().getSelectedItem()));
        Button copy = new Button("Copy path");
        copy.setId("history-copy-path");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.disableProperty().bind(files.getSelectionModel().selectedItemProperty().isNull());
        copy.setOnAction(e -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(files.getSelectionModel().getSelectedItem().path().toString());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        previewTitle.setMinWidth(0);
        VBox box = new VBox(4, new HBox(8, open, copy, previewTitle), preview);
        box.setPadding(new Insets(4));
        return box;
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    private static TableColumn<Operations.PastRun, String> column(String title, Function<Operations.PastRun, String> value) {
        TableColumn<Operations.PastRun, String> c = new TableColumn<>(title);
        c.setId("history-col-" + title.toLowerCase(Locale.ROOT));
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return c;
    }
}

package dev.flowlens.app.ops;

import dev.flowlens.runtime.api.Models;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Models tab: the installed models (name, task, engine, size, source, licence, verified) with Verify, and the
 * bundled catalogue's models to install. Handlers are one-line calls into {@link ModelsViewModel}.
 */
public final class ModelsView extends VBox {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final TableView<ModelsViewModel.Row> table = new TableView<>();

    public ModelsView(ModelsViewModel model) {
        setId("models");
        getStyleClass().add("models");
        setSpacing(4);
        setPadding(new Insets(6));
        table.setId("model-list");
        table.setItems(model.installed());
        table.setPlaceholder(new Label("No models installed in " + model.folder()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().add(column("Name", r -> r.model().name()));
        table.getColumns().add(column("Task", r -> r.model().task()));
        table.getColumns().add(column("Engine", r -> r.model().engine()));
        table.getColumns().add(column("Size", r -> OpsText.bytes(r.model().bytes())));
        table.getColumns().add(column("Source", r -> r.model().source()));
        table.getColumns().add(column("Licence", r -> r.model().licence()));
        table.getColumns().add(column("Verified", ModelsViewModel.Row::verified));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ModelsViewModel.Row r, boolean empty) {
                super.updateItem(r, empty);
                pseudoClassStateChanged(FAILED, !empty && r != null && !r.intact() && !r.verified().equals("not checked"));
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        Button verify = new Button("Verify");
        verify.setId("model-verify");
        verify.disableProperty().bind(model.busyProperty());
        verify.setOnAction(e -> model.verify(selected()));
        Button refresh = new Button("Refresh");
        refresh.setId("model-refresh");
        refresh.setOnAction(e -> model.refresh());
        ComboBox<Models.Bundled> bundled = new ComboBox<>(model.installable());
        bundled.setId("model-bundled");
        bundled.setPromptText("Bundled model");
        bundled.setCellFactory(v -> new BundledCell());
        bundled.setButtonCell(new BundledCell());
        Button install = new Button("Install");
        install.setId("model-install");
        install.disableProperty().bind(model.busyProperty().or(bundled.valueProperty().isNull()));
        install.setOnAction(e -> model.install(bundled.getValue()));
        Label message = new Label();
        message.setId("model-message");
        message.getStyleClass().add("ops-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(model.messageProperty());
        model.messageIsErrorProperty().addListener((obs, old, now) -> message.pseudoClassStateChanged(ERROR, now));
        verify.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        install.setMinWidth(Region.USE_PREF_SIZE);
        bundled.setPrefWidth(280);
        Label installLabel = new Label("Bundled catalogue:");
        installLabel.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(new HBox(8, verify, refresh, new Label("   "), installLabel, bundled, install),
                message, table);
    }

    public TableView<ModelsViewModel.Row> table() {
        return table;
    }

    /** The selected models; none selected means all. */
    private List<Models.Model> selected() {
        return table.getSelectionModel().getSelectedItems().stream().map(ModelsViewModel.Row::model).toList();
    }

    private static final class BundledCell extends ListCell<Models.Bundled> {
        @Override
        protected void updateItem(Models.Bundled b, boolean empty) {
            super.updateItem(b, empty);
            setText(empty || b == null ? null : b.name() + " (" + b.task() + ", " + b.source() + ")");
        }
    }

    private static TableColumn<ModelsViewModel.Row, String> column(String title, Function<ModelsViewModel.Row, String> value) {
        TableColumn<ModelsViewModel.Row, String> c = new TableColumn<>(title);
        c.setId("model-col-" + title.toLowerCase(Locale.ROOT));
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return c;
    }
}

package dev.flowlens.app.inspector;

import dev.flowlens.app.canvas.CanvasViewModel;
import dev.flowlens.core.validation.ValidationIssue;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Problems list: every validation issue of the workflow; clicking one selects and shows its node. */
public final class ProblemsView extends VBox {
    private final ListView<ValidationIssue> list = new ListView<>();
    private final Label heading = new Label();

    public ProblemsView(CanvasViewModel model) {
        getStyleClass().addAll("inspector", "problems");
        setId("problems");
        heading.getStyleClass().add("inspector-title");
        list.setId("problems-list");
        list.setPlaceholder(new Label("No problems"));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ValidationIssue item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText((item.isError() ? "✖ " : "⚠ ") + item.message());
                setTooltip(new Tooltip(item.message() + "\n(" + item.code().id() + ")"));
                setWrapText(true);
                setPrefWidth(0);
                getStyleClass().add(item.isError() ? "problem-error" : "problem-warning");
            }
        });
        list.setOnMouseClicked(e -> {
            ValidationIssue issue = list.getSelectionModel().getSelectedItem();
            if (issue != null && issue.node() != null) {
                model.reveal(issue.node());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(heading, list);
        model.issuesProperty().addListener((obs, old, now) -> show(model));
        show(model);
    }

    private void show(CanvasViewModel model) {
        list.getItems().setAll(model.getIssues());
        long errors = model.getIssues().stream().filter(ValidationIssue::isError).count();
        heading.setText("Problems (" + model.getIssues().size() + ")" + (errors > 0 ? " · " + errors + " errors" : ""));
    }
}

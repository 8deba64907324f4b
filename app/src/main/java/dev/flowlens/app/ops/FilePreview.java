package dev.flowlens.app.ops;

import dev.flowlens.app.run.Pictures;
import dev.flowlens.runtime.api.OutputPreview;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

/** Turns the preview of a file a past run wrote into a view: a sortable table, a picture, text, or why not. */
final class FilePreview {
    private FilePreview() {
    }

    static Node of(OutputPreview p) {
        if (p instanceof OutputPreview.Grid g) {
            return table(g);
        }
        if (p instanceof OutputPreview.Picture pic) {
            ImageView view = new ImageView(Pictures.toImage(pic));
            view.setId("history-image");
            Label caption = new Label(pic.name() + " · " + pic.sourceWidth() + "×" + pic.sourceHeight());
            return new ScrollPane(new VBox(4, caption, view));
        }
        if (p instanceof OutputPreview.Text t) {
            TextArea area = new TextArea(t.text());
            area.setId("history-text");
            area.setEditable(false);
            area.setWrapText(true);
            area.getStyleClass().add("preview-text");
            return area;
        }
        if (p instanceof OutputPreview.Failure f) {
            Label l = new Label("✗ " + f.item() + ": " + f.message());
            l.setId("history-file-problem");
            l.getStyleClass().add("preview-failure");
            l.setWrapText(true);
            return l;
        }
        return new Label("Nothing to show");
    }

    private static Node table(OutputPreview.Grid grid) {
        TableView<List<String>> table = new TableView<>();
        table.setId("history-table");
        for (int c = 0; c < grid.columns().size(); c++) {
            int col = c;
            TableColumn<List<String>, String> column = new TableColumn<>(grid.columns().get(c));
            column.setCellValueFactory(row -> new SimpleStringProperty(col < row.getValue().size() ? row.getValue().get(col) : ""));
            column.setComparator(FilePreview::compareCells);
            table.getColumns().add(column);
        }
        table.getItems().setAll(grid.rows());
        return table;
    }

    /** Numbers sort as numbers, the rest as text. */
    static int compareCells(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException | NullPointerException e) {
            return String.CASE_INSENSITIVE_ORDER.compare(a == null ? "" : a, b == null ? "" : b);
        }
    }
}

package dev.flowlens.app.run;

import dev.flowlens.runtime.api.OutputPreview;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** A table output or a CSV file as a sortable table: numbers sort as numbers, the rest as text. */
public final class GridTable {
    private GridTable() {
    }

    public static TableView<List<String>> of(OutputPreview.Grid grid, String id) {
        TableView<List<String>> table = new TableView<>();
        table.setId(id);
        for (int c = 0; c < grid.columns().size(); c++) {
            int col = c;
            TableColumn<List<String>, String> column = new TableColumn<>(grid.columns().get(c));
            // A short CSV row leaves its last cells empty rather than failing the view.
            column.setCellValueFactory(row -> new SimpleStringProperty(
                    col < row.getValue().size() ? row.getValue().get(col) : ""));
            column.setComparator(GridTable::compareCells);
            table.getColumns().add(column);
        }
        table.getItems().setAll(grid.rows());
        return table;
    }

    static int compareCells(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException | NullPointerException e) {
            return String.CASE_INSENSITIVE_ORDER.compare(a == null ? "" : a, b == null ? "" : b);
        }
    }
}

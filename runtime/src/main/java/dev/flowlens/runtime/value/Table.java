package dev.flowlens.runtime.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rows of named columns, as written to CSV and shown in the app's table view. Cells are plain values
 * (String, Long, Double, Boolean) or null; the column order is the order given.
 */
public record Table(List<String> columns, List<Map<String, Object>> rows) {
    public Table {
        columns = List.copyOf(columns);
        List<Map<String, Object>> copy = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Objects.requireNonNull(row, "row");
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** A table whose columns are every key seen, in first-seen order. */
    public static Table ofRows(List<Map<String, Object>> rows) {
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        return new Table(new ArrayList<>(columns), rows);
    }

    public int size() {
        return rows.size();
    }

    @Override
    public String toString() {
        return "Table " + rows.size() + " rows x " + columns.size() + " columns " + columns;
    }
}

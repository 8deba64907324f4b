package dev.flowlens.app.palette;

import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeSpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The palette's state: the search text and the node types that match it, grouped by category. Built from
 * the catalog's specs only.
 */
public final class PaletteViewModel {
    private final List<NodeSpec> all;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ReadOnlyObjectWrapper<Map<String, List<NodeSpec>>> groups = new ReadOnlyObjectWrapper<>(this, "groups");

    public PaletteViewModel(NodeCatalog catalog) {
        this.all = catalog.specs().stream()
                .sorted(Comparator.comparing(NodeSpec::category, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(NodeSpec::displayName, String.CASE_INSENSITIVE_ORDER))
                .toList();
        query.addListener((obs, old, now) -> refresh());
        refresh();
    }

    /** The search text; editable by the view's search field. */
    public StringProperty queryProperty() {
        return query;
    }

    /** Matching specs by category, categories and names in alphabetical order. */
    public ReadOnlyObjectProperty<Map<String, List<NodeSpec>>> groupsProperty() {
        return groups.getReadOnlyProperty();
    }

    public Map<String, List<NodeSpec>> getGroups() {
        return groups.get();
    }

    public List<NodeSpec> matching(String text) {
        return all.stream().filter(s -> matches(s, text)).toList();
    }

    private void refresh() {
        groups.set(matching(query.get()).stream().collect(Collectors.groupingBy(NodeSpec::category,
                LinkedHashMap::new, Collectors.toList())));
    }

    /** Every word of the query appears in the display name, type id, category or description. */
    public static boolean matches(NodeSpec spec, String text) {
        String haystack = (spec.displayName() + " " + spec.typeId() + " " + spec.category() + " " + spec.description())
                .toLowerCase(Locale.ROOT);
        for (String word : (text == null ? "" : text).toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!word.isEmpty() && !haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }
}

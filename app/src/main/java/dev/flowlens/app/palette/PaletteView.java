package dev.flowlens.app.palette;

import dev.flowlens.core.spec.NodeSpec;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The node palette: a search field and the node types by category, each with its description on hover.
 * A type is added by dragging it onto the canvas: the cell starts a full press-drag-release gesture and
 * carries its spec as user data, which the canvas reads on drop.
 */
public final class PaletteView extends VBox {
    /** A tree row: a category heading (spec null) or a node type. */
    private record Entry(String category, NodeSpec spec) {
        @Override
        public String toString() {
            return spec == null ? category : spec.displayName();
        }
    }

    private final TreeView<Entry> tree = new TreeView<>();

    public PaletteView(PaletteViewModel model) {
        getStyleClass().add("palette");
        setId("palette");
        Label heading = new Label("Nodes");
        heading.getStyleClass().add("palette-title");
        TextField search = new TextField();
        search.setId("palette-search");
        search.setPromptText("Search nodes");
        search.textProperty().bindBidirectional(model.queryProperty());
        tree.setId("palette-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new SpecCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        Label none = new Label();
        none.setId("palette-empty");
        none.setWrapText(true);
        none.getStyleClass().add("palette-empty");
        none.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.getGroups().isEmpty(), model.groupsProperty()));
        none.managedProperty().bind(none.visibleProperty());
        none.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.queryProperty().get().isBlank()
                ? "No node types were found on the class path." : "No node matches \"" + model.queryProperty().get() + "\".",
                model.queryProperty()));
        getChildren().addAll(heading, search, none, tree);
        model.groupsProperty().addListener((obs, old, now) -> fill(now));
        fill(model.getGroups());
    }

    private void fill(Map<String, List<NodeSpec>> groups) {
        TreeItem<Entry> root = new TreeItem<>(new Entry("", null));
        groups.forEach((category, specs) -> {
            TreeItem<Entry> cat = new TreeItem<>(new Entry(category, null));
            cat.setExpanded(true);
            specs.forEach(s -> cat.getChildren().add(new TreeItem<>(new Entry(category, s))));
            root.getChildren().add(cat);
        });
        tree.setRoot(root);
    }

    private static final class SpecCell extends TreeCell<Entry> {
        private final Tooltip tip = new Tooltip();

        SpecCell() {
            tip.setWrapText(true);
            tip.setMaxWidth(360);
            setOnDragDetected(e -> {
                if (getItem() != null && getItem().spec() != null) {
                    startFullDrag();
                    e.consume();
                }
            });
        }

        @Override
        protected void updateItem(Entry item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("palette-category");
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
                setUserData(null);
                setId(null);
                return;
            }
            setText(item.toString());
            if (item.spec() == null) {
                getStyleClass().add("palette-category");
                setTooltip(null);
                setUserData(null);
                setId(null);
            } else {
                NodeSpec s = item.spec();
                tip.setText(s.displayName() + " (" + s.typeId() + ")" + (s.description().isBlank() ? "" : "\n\n" + s.description()));
                setTooltip(tip);
                setUserData(s);
                setId("palette-" + s.typeId().replace('.', '-'));
            }
        }
    }
}

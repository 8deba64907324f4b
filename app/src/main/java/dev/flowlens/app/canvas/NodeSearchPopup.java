package dev.flowlens.app.canvas;

import dev.flowlens.app.palette.PaletteViewModel;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeSpec;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;

/**
 * The search-as-you-type popup that adds a node where the user double-clicked, or where a dragged wire was
 * dropped (then it lists only the types that can take the wire). Enter or a click picks; Escape closes.
 */
public final class NodeSearchPopup {
    private final Popup popup = new Popup();
    private final TextField query = new TextField();
    private final ListView<NodeSpec> list = new ListView<>();
    private List<NodeSpec> candidates = List.of();
    private Consumer<NodeSpec> onPick = s -> { };

    public NodeSearchPopup(NodeCatalog catalog) {
        query.setId("node-search-field");
        query.setPromptText("Add node: type to search");
        list.setId("node-search-list");
        list.setPrefSize(300, 260);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(NodeSpec item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.displayName() + "  ·  " + item.category());
            }
        });
        VBox box = new VBox(6, query, list);
        box.getStyleClass().add("node-search");
        popup.getContent().add(box);
        popup.setAutoHide(true);
        query.textProperty().addListener((obs, old, now) -> filter(now));
        query.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                pick(list.getSelectionModel().getSelectedItem());
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN) {
                list.getSelectionModel().selectNext();
                e.consume();
            } else if (e.getCode() == KeyCode.UP) {
                list.getSelectionModel().selectPrevious();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> pick(list.getSelectionModel().getSelectedItem()));
    }

    public void show(Node owner, double screenX, double screenY, List<NodeSpec> specs, Consumer<NodeSpec> action) {
        candidates = specs;
        onPick = action;
        query.clear();
        filter("");
        popup.show(owner, screenX, screenY);
        query.requestFocus();
    }

    public boolean isShowing() {
        return popup.isShowing();
    }

    private void filter(String text) {
        list.getItems().setAll(candidates.stream().filter(s -> PaletteViewModel.matches(s, text)).toList());
        list.getSelectionModel().selectFirst();
    }

    private void pick(NodeSpec spec) {
        if (spec != null) {
            popup.hide();
            onPick.accept(spec);
        }
    }
}

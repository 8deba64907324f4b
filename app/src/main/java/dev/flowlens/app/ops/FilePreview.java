package dev.flowlens.app.ops;

import dev.flowlens.app.run.GridTable;
import dev.flowlens.app.run.Pictures;
import dev.flowlens.runtime.api.OutputPreview;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

/** Turns the preview of a file a past run wrote into a view: a sortable table, a picture, text, or why not. */
final class FilePreview {
    private FilePreview() {
    }

    static Node of(OutputPreview p) {
        if (p instanceof OutputPreview.Grid g) {
            return GridTable.of(g, "history-table");
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

}

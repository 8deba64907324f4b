package dev.flowlens.app.canvas;

import dev.flowlens.core.model.Frame;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import java.util.function.Consumer;

/**
 * A frame on the canvas: a tinted box behind its nodes with a title bar to grab, rename (double-click) and a
 * corner to resize. Only the title bar and the corner take the mouse; the inside lets clicks through to the
 * canvas, so a rubber band can start inside a frame. The colour is the CSS variable {@code -fl-frame-color}.
 */
public final class FrameView extends Region {
    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    /** How big the resize corner is, in canvas units. */
    public static final double HANDLE = 14;

    private final Region body = new Region();
    private final Label title = new Label();
    private final HBox titleBar = new HBox(title);
    private final Region handle = new Region();
    private TextField editor;
    private Frame frame;

    public FrameView(Frame frame) {
        getStyleClass().add("flow-frame");
        setId("frame-" + frame.id());
        setPickOnBounds(false);
        body.getStyleClass().add("frame-body");
        body.setMouseTransparent(true);
        title.getStyleClass().add("frame-title");
        title.setMinWidth(0);
        titleBar.getStyleClass().add("frame-title-bar");
        titleBar.setId("frame-title-" + frame.id());
        titleBar.setAlignment(Pos.CENTER_LEFT);
        titleBar.setCursor(Cursor.MOVE);
        handle.getStyleClass().add("frame-resize-handle");
        handle.setId("frame-resize-" + frame.id());
        handle.setCursor(Cursor.SE_RESIZE);
        getChildren().addAll(body, titleBar, handle);
        show(frame);
    }

    /** Shows the frame's current title, place, size and colour. */
    public void show(Frame next) {
        frame = next;
        title.setText(next.title().isEmpty() ? "Untitled frame" : next.title());
        title.pseudoClassStateChanged(PseudoClass.getPseudoClass("untitled"), next.title().isEmpty());
        // Only a checked #rrggbb reaches the style: a file cannot smuggle other CSS in.
        setStyle(next.color() != null && CanvasViewModel.FRAME_COLOR.matcher(next.color()).matches()
                ? "-fl-frame-color: " + next.color() + ";" : "");
        relocate(next.x(), next.y());
        setSize(next.width(), next.height());
    }

    /** Shows a size while the corner is dragged, before the model has it. */
    public void setSize(double width, double height) {
        setPrefSize(width, height);
        resize(width, height);
    }

    public Frame frame() {
        return frame;
    }

    public Region titleBar() {
        return titleBar;
    }

    public Region resizeHandle() {
        return handle;
    }

    public String titleText() {
        return title.getText();
    }

    public void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /** Opens an inline title editor: Enter keeps the text, Escape drops it, leaving the field keeps it. */
    public void editTitle(Consumer<String> commit) {
        if (editor != null) {
            return;
        }
        TextField field = new TextField(frame.title());
        field.setId("frame-title-editor");
        field.getStyleClass().add("frame-title-editor");
        editor = field;
        Runnable close = () -> {
            if (editor == field) {
                editor = null;
                titleBar.getChildren().setAll(title);
            }
        };
        field.setOnAction(e -> {
            close.run();
            commit.accept(field.getText());
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                close.run();
                e.consume();
            }
        });
        field.focusedProperty().addListener((obs, was, now) -> {
            if (!now && editor == field) {
                close.run();
                commit.accept(field.getText());
            }
        });
        titleBar.getChildren().setAll(field);
        field.requestFocus();
        field.selectAll();
    }

    public boolean isEditingTitle() {
        return editor != null;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        body.resizeRelocate(0, 0, w, h);
        titleBar.resizeRelocate(0, 0, w, CanvasViewModel.FRAME_TITLE_HEIGHT);
        handle.resizeRelocate(w - HANDLE, h - HANDLE, HANDLE, HANDLE);
    }
}

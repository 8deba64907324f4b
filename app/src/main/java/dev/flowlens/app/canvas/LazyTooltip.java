package dev.flowlens.app.canvas;

import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Installs a tooltip the first time the pointer enters a node. A tooltip is a popup window of its own; a
 * canvas of 500 nodes would otherwise build thousands of them before anyone hovers over one.
 */
final class LazyTooltip {
    private static final Object KEY = new Object();

    private LazyTooltip() {
    }

    /** The text is asked for on every entry, so it may change (a problem badge). Blank text shows nothing. */
    static void install(Node node, Supplier<String> text) {
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            String now = text.get();
            Tooltip tip = (Tooltip) node.getProperties().get(KEY);
            if (tip == null) {
                if (now == null || now.isBlank()) {
                    return;
                }
                tip = new Tooltip(now);
                tip.setWrapText(true);
                tip.setMaxWidth(420);
                node.getProperties().put(KEY, tip);
                Tooltip.install(node, tip);
            } else {
                tip.setText(now == null ? "" : now);
            }
        });
    }

    /** The tooltip once installed, for tests. */
    static Tooltip of(Node node) {
        return (Tooltip) node.getProperties().get(KEY);
    }
}

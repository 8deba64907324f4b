package dev.flowlens.app.canvas;

/**
 * The Arrange commands for selected nodes: line up one edge or centre line, or spread the nodes so the gaps
 * between them are equal. Each is one undoable edit.
 */
public enum Alignment {
    LEFT("Align Left", "align left", 2, "Alt+Shift+L"),
    RIGHT("Align Right", "align right", 2, "Alt+Shift+R"),
    TOP("Align Top", "align top", 2, "Alt+Shift+T"),
    BOTTOM("Align Bottom", "align bottom", 2, "Alt+Shift+B"),
    /** Same centre x: the nodes stand in one column. */
    CENTRES_HORIZONTALLY("Centre Horizontally", "centre horizontally", 2, "Alt+Shift+H"),
    /** Same centre y: the nodes sit in one row. */
    CENTRES_VERTICALLY("Centre Vertically", "centre vertically", 2, "Alt+Shift+V"),
    DISTRIBUTE_HORIZONTALLY("Distribute Horizontally", "distribute horizontally", 3, "Shortcut+Alt+Shift+H"),
    DISTRIBUTE_VERTICALLY("Distribute Vertically", "distribute vertically", 3, "Shortcut+Alt+Shift+V");

    private final String menuText;
    private final String editLabel;
    private final int minimumNodes;
    private final String accelerator;

    Alignment(String menuText, String editLabel, int minimumNodes, String accelerator) {
        this.menuText = menuText;
        this.editLabel = editLabel;
        this.minimumNodes = minimumNodes;
        this.accelerator = accelerator;
    }

    /** The Arrange menu's shortcut, in JavaFX's key-combination syntax. */
    public String accelerator() {
        return accelerator;
    }

    public String menuText() {
        return menuText;
    }

    /** What Undo and the status bar call it: "Undid align left". */
    public String editLabel() {
        return editLabel;
    }

    /** Aligning needs two nodes, distributing three (the outer two stay, the inner ones move). */
    public int minimumNodes() {
        return minimumNodes;
    }
}

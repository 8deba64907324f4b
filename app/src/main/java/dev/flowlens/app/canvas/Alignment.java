package dev.flowlens.app.canvas;

/**
 * The Arrange commands for selected nodes: line up one edge or centre line, or spread the nodes so the gaps
 * between them are equal. Each is one undoable edit.
 */
public enum Alignment {
    LEFT("Align Left", "align left", 2),
    RIGHT("Align Right", "align right", 2),
    TOP("Align Top", "align top", 2),
    BOTTOM("Align Bottom", "align bottom", 2),
    /** Same centre x: the nodes stand in one column. */
    CENTRES_HORIZONTALLY("Centre Horizontally", "centre horizontally", 2),
    /** Same centre y: the nodes sit in one row. */
    CENTRES_VERTICALLY("Centre Vertically", "centre vertically", 2),
    DISTRIBUTE_HORIZONTALLY("Distribute Horizontally", "distribute horizontally", 3),
    DISTRIBUTE_VERTICALLY("Distribute Vertically", "distribute vertically", 3);

    private final String menuText;
    private final String editLabel;
    private final int minimumNodes;

    Alignment(String menuText, String editLabel, int minimumNodes) {
        this.menuText = menuText;
        this.editLabel = editLabel;
        this.minimumNodes = minimumNodes;
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

package dev.flowlens.app.canvas;

import dev.flowlens.core.model.Frame;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Rectangle;

/**
 * The overview in the canvas's corner: every node and frame as a small rectangle and the visible part of the
 * canvas as an outlined one. Pressing or dragging on it centres the canvas on that point. Nodes and frames
 * are one path each and cached as a bitmap, so panning only moves the viewport outline.
 */
public final class Minimap extends Region {
    public static final double WIDTH = 220;
    public static final double HEIGHT = 150;
    private static final double INSET = 8;

    private final Path frames = new Path();
    private final Path nodes = new Path();
    private final Rectangle viewport = new Rectangle();
    private final Consumer<Point2D> centreOn;
    /** The canvas area the map shows, in canvas units; null while there is nothing to show. */
    private Rectangle2D world;
    private double scale = 1;
    private double offsetX;
    private double offsetY;

    /** {@code centreOn} receives canvas points the user picked on the map. */
    public Minimap(Consumer<Point2D> centreOn) {
        this.centreOn = centreOn;
        getStyleClass().add("minimap");
        setId("minimap");
        setPrefSize(WIDTH, HEIGHT);
        setMinSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
        frames.getStyleClass().add("minimap-frames");
        nodes.getStyleClass().add("minimap-nodes");
        viewport.getStyleClass().add("minimap-viewport");
        for (var shape : List.of(frames, nodes, viewport)) {
            shape.setManaged(false);
            shape.setMouseTransparent(true);
        }
        frames.setCache(true);
        nodes.setCache(true);
        getChildren().addAll(frames, nodes, viewport);
        Rectangle clip = new Rectangle(WIDTH, HEIGHT);
        setClip(clip);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pick);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::pick);
        addEventHandler(MouseEvent.ANY, MouseEvent::consume);
    }

    private void pick(MouseEvent e) {
        if (e.getButton() == MouseButton.PRIMARY && world != null) {
            centreOn.accept(toCanvas(e.getX(), e.getY()));
        }
    }

    /** Draws the nodes' and frames' boxes; the map's scale fits all of them. */
    public void show(List<CanvasViewModel.Box> nodeBoxes, List<Frame> frameList) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (CanvasViewModel.Box b : nodeBoxes) {
            minX = Math.min(minX, b.x());
            minY = Math.min(minY, b.y());
            maxX = Math.max(maxX, b.x() + b.width());
            maxY = Math.max(maxY, b.y() + b.height());
        }
        for (Frame f : frameList) {
            minX = Math.min(minX, f.x());
            minY = Math.min(minY, f.y());
            maxX = Math.max(maxX, f.x() + f.width());
            maxY = Math.max(maxY, f.y() + f.height());
        }
        if (minX > maxX) {
            world = null;
            nodes.getElements().clear();
            frames.getElements().clear();
            return;
        }
        world = new Rectangle2D(minX, minY, maxX - minX, maxY - minY);
        scale = Math.min((WIDTH - 2 * INSET) / world.getWidth(), (HEIGHT - 2 * INSET) / world.getHeight());
        offsetX = (WIDTH - world.getWidth() * scale) / 2 - minX * scale;
        offsetY = (HEIGHT - world.getHeight() * scale) / 2 - minY * scale;
        nodes.getElements().setAll(nodeBoxes.stream()
                .flatMap(b -> rectangle(b.x(), b.y(), b.width(), b.height()).stream()).toList());
        frames.getElements().setAll(frameList.stream()
                .flatMap(f -> rectangle(f.x(), f.y(), f.width(), f.height()).stream()).toList());
    }

    private List<PathElement> rectangle(double x, double y, double w, double h) {
        double x0 = x * scale + offsetX;
        double y0 = y * scale + offsetY;
        // At least a pixel, so that a node stays visible on the map of a huge graph.
        double x1 = x0 + Math.max(1, w * scale);
        double y1 = y0 + Math.max(1, h * scale);
        return List.of(new MoveTo(x0, y0), new LineTo(x1, y0), new LineTo(x1, y1), new LineTo(x0, y1), new ClosePath());
    }

    /** Outlines the part of the canvas the view shows (canvas units). */
    public void showViewport(Rectangle2D visible) {
        viewport.setX(visible.getMinX() * scale + offsetX);
        viewport.setY(visible.getMinY() * scale + offsetY);
        viewport.setWidth(visible.getWidth() * scale);
        viewport.setHeight(visible.getHeight() * scale);
    }

    /** The canvas point under a point of the map. */
    public Point2D toCanvas(double mapX, double mapY) {
        return new Point2D((mapX - offsetX) / scale, (mapY - offsetY) / scale);
    }

    /** Where a canvas point is drawn on the map. */
    public Point2D toMap(double canvasX, double canvasY) {
        return new Point2D(canvasX * scale + offsetX, canvasY * scale + offsetY);
    }

    /** The viewport outline, in the map's coordinates; for tests. */
    public Rectangle viewportOutline() {
        return viewport;
    }

    /** The canvas area shown (nodes and frames), or null when there is none. */
    public Rectangle2D world() {
        return world;
    }
}

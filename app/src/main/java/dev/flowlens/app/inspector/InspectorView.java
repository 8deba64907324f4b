package dev.flowlens.app.inspector;

import dev.flowlens.app.canvas.CanvasViewModel;
import dev.flowlens.core.model.NodeId;
import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.validation.ValidationIssue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The inspector: the selected node's title, type and description, and one editor per parameter, built from
 * the node type's {@link ParamSpec}s. Validation is live: the view model re-validates every edit, and each
 * editor shows the validator's message for its parameter.
 */
public final class InspectorView extends VBox {
    private final CanvasViewModel model;
    private final Label heading = new Label("Inspector");
    private final VBox body = new VBox(10);
    private final Map<String, ParamField> fields = new LinkedHashMap<>();
    private TextField titleField;
    private NodeId shown;
    private String shownType;

    public InspectorView(CanvasViewModel model) {
        this.model = model;
        getStyleClass().add("inspector");
        setId("inspector");
        heading.getStyleClass().add("inspector-title");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(heading, scroll);
        model.selectionProperty().addListener((obs, old, now) -> refresh());
        model.selectedFrameProperty().addListener((obs, old, now) -> refresh());
        model.workflowProperty().addListener((obs, old, now) -> refresh());
        model.issuesProperty().addListener((obs, old, now) -> refresh());
        refresh();
    }

    private void refresh() {
        Set<NodeId> selection = model.getSelection();
        Optional<NodeInstance> node = selection.size() == 1
                ? model.getWorkflow().node(selection.iterator().next()) : Optional.empty();
        if (node.isEmpty() && model.getSelectedFrame() != null) {
            showFrame(model.getSelectedFrame());
            return;
        }
        if (node.isEmpty()) {
            shown = null;
            shownType = null;
            fields.clear();
            Label hint = new Label(selection.isEmpty() ? "Select a node to edit its parameters."
                    : selection.size() + " nodes selected.");
            hint.setWrapText(true);
            hint.getStyleClass().add("param-description");
            body.getChildren().setAll(hint);
            return;
        }
        NodeInstance n = node.get();
        if (!n.id().equals(shown) || !n.type().equals(shownType)) {
            build(n, model.specOf(n).orElse(null));
        }
        update(n, model.specOf(n).orElse(null));
    }

    /** A selected frame: its title to edit, and how to handle it on the canvas. */
    private void showFrame(String frameId) {
        Optional<dev.flowlens.core.model.Frame> frame = model.frame(frameId);
        if (frame.isEmpty()) {
            return;
        }
        if (!("frame:" + frameId).equals(shownType)) {
            shown = null;
            shownType = "frame:" + frameId;
            fields.clear();
            titleField = new TextField();
            titleField.setId("inspector-frame-title");
            titleField.setPromptText("Untitled frame");
            TextField field = titleField;
            field.setOnAction(e -> model.renameFrame(frameId, field.getText()));
            field.focusedProperty().addListener((obs, was, now) -> {
                if (!now && model.frame(frameId).isPresent()) {
                    model.renameFrame(frameId, field.getText());
                }
            });
            Label hint = new Label("A frame groups nodes on the canvas; it does not change how the workflow runs. "
                    + "Drag its title to move it with its nodes, drag its corner to resize it, double-click the "
                    + "title to rename it; Delete removes the frame and keeps the nodes.");
            hint.setWrapText(true);
            hint.getStyleClass().add("param-description");
            body.getChildren().setAll(new Label("Frame title"), field, hint);
        }
        if (!titleField.isFocused()) {
            titleField.setText(frame.get().title());
        }
    }

    private void build(NodeInstance node, NodeSpec spec) {
        shown = node.id();
        shownType = node.type();
        fields.clear();
        body.getChildren().clear();
        titleField = new TextField();
        titleField.setId("inspector-title");
        titleField.setPromptText(spec == null ? node.type() : spec.displayName());
        titleField.setOnAction(e -> model.setTitle(node.id(), titleField.getText()));
        titleField.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                model.setTitle(node.id(), titleField.getText());
            }
        });
        Label type = new Label(spec == null ? "unknown type " + node.type()
                : spec.displayName() + " · " + spec.typeId() + " · node " + node.id());
        type.getStyleClass().add("node-type");
        type.setWrapText(true);
        body.getChildren().addAll(new Label("Title"), titleField, type);
        if (spec == null) {
            return;
        }
        if (!spec.description().isBlank()) {
            Label description = new Label(spec.description());
            description.setWrapText(true);
            description.getStyleClass().add("param-description");
            body.getChildren().add(description);
        }
        NodeId id = node.id();
        for (ParamSpec param : spec.params()) {
            ParamField field = new ParamField(param, new ParamField.Sink() {
                @Override
                public void set(ParamValue value) {
                    model.setParam(id, param.name(), value);
                }

                @Override
                public void reset() {
                    model.resetParam(id, param.name());
                }
            });
            fields.put(param.name(), field);
            body.getChildren().add(field.node());
        }
    }

    private void update(NodeInstance node, NodeSpec spec) {
        if (!titleField.isFocused()) {
            titleField.setText(node.title());
        }
        if (spec == null) {
            return;
        }
        for (ParamSpec param : spec.params()) {
            ParamField field = fields.get(param.name());
            field.show(node.param(param.name()).or(param::defaultValue).orElse(null));
            field.showValidatorMessage(model.issuesFor(node.id()).stream()
                    .filter(i -> param.name().equals(i.field()))
                    .map(ValidationIssue::message)
                    .findFirst().orElse(null));
        }
    }
}

package dev.flowlens.app.inspector;

import atlantafx.base.controls.ToggleSwitch;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.spec.ParamProblem;
import dev.flowlens.core.spec.ParamSpec;
import java.io.File;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The editor of one parameter, chosen from its spec's kind: a number field with bounds (arrow keys step),
 * text, multi-line text, a choice, a toggle, a path with a chooser, a secret reference, or a JSON schema
 * with a parse check. It checks what is typed as it is typed and marks the field with {@code :error};
 * a parsable value is committed on Enter or when the field loses focus, so one edit is one undo step.
 */
final class ParamField {
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a committed edit does: store the value, or (empty) go back to the spec's default. */
    interface Sink {
        void set(ParamValue value);

        void reset();
    }

    private final ParamSpec spec;
    private final Sink sink;
    private final VBox root = new VBox(3);
    private final Label problem = new Label();
    private final Node editor;
    private TextInputControl textInput;
    private ComboBox<String> choice;
    private ToggleSwitch toggle;
    private boolean updating;
    private String validatorMessage;

    ParamField(ParamSpec spec, Sink sink) {
        this.spec = spec;
        this.sink = sink;
        root.getStyleClass().add("param-field");
        root.setId("param-" + spec.name());
        Label label = new Label(spec.label() + (spec.required() ? " *" : ""));
        label.getStyleClass().add("param-label");
        Label description = new Label(spec.description());
        description.getStyleClass().add("param-description");
        description.setWrapText(true);
        problem.getStyleClass().add("param-problem");
        problem.setWrapText(true);
        problem.setId("problem-" + spec.name());
        editor = buildEditor();
        editor.getStyleClass().add("param-editor");
        label.setLabelFor(editor);
        root.getChildren().add(label);
        root.getChildren().add(editor);
        if (!spec.description().isBlank()) {
            root.getChildren().add(description);
        }
        root.getChildren().add(problem);
        showProblem(null);
    }

    Node node() {
        return root;
    }

    private Node buildEditor() {
        if (spec instanceof ParamSpec.BoolParam) {
            toggle = new ToggleSwitch();
            toggle.setId("editor-" + spec.name());
            toggle.selectedProperty().addListener((obs, old, now) -> {
                if (!updating) {
                    sink.set(new ParamValue.Bool(now));
                }
            });
            return toggle;
        }
        if (spec instanceof ParamSpec.ChoiceParam c) {
            choice = new ComboBox<>();
            choice.setId("editor-" + spec.name());
            choice.getItems().setAll(c.choices());
            choice.setMaxWidth(Double.MAX_VALUE);
            choice.valueProperty().addListener((obs, old, now) -> {
                if (!updating && now != null) {
                    sink.set(new ParamValue.Text(now));
                }
            });
            return choice;
        }
        boolean multiline = spec instanceof ParamSpec.JsonSchemaParam
                || spec instanceof ParamSpec.TextParam t && t.multiline();
        if (multiline) {
            TextArea area = new TextArea();
            area.setPrefRowCount(spec instanceof ParamSpec.JsonSchemaParam ? 8 : 4);
            area.setWrapText(!(spec instanceof ParamSpec.JsonSchemaParam));
            if (spec instanceof ParamSpec.JsonSchemaParam) {
                area.getStyleClass().add("monospace");
                area.setPromptText("{ \"type\": \"object\", \"properties\": { … } }");
            }
            textInput = area;
        } else {
            textInput = new TextField();
            textInput.setPromptText(promptOf(spec));
            ((TextField) textInput).setOnAction(e -> commit());
        }
        textInput.setId("editor-" + spec.name());
        textInput.textProperty().addListener((obs, old, now) -> {
            if (!updating) {
                check(now);
            }
        });
        textInput.focusedProperty().addListener((obs, was, now) -> {
            if (!now && !updating) {
                commit();
            }
        });
        if (spec instanceof ParamSpec.IntParam || spec instanceof ParamSpec.NumberParam) {
            textInput.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN) {
                    step(e.getCode() == KeyCode.UP ? 1 : -1);
                    e.consume();
                }
            });
            Tooltip.install(textInput, new Tooltip(promptOf(spec) + "; ↑/↓ step"));
        }
        if (spec instanceof ParamSpec.PathParam p) {
            Button browse = new Button("Browse…");
            browse.setId("browse-" + spec.name());
            browse.setOnAction(e -> choosePath(p));
            HBox.setHgrow(textInput, Priority.ALWAYS);
            return new HBox(4, textInput, browse);
        }
        return textInput;
    }

    private static String promptOf(ParamSpec spec) {
        if (spec instanceof ParamSpec.IntParam i) {
            return "whole number " + i.min() + " to " + i.max();
        } else if (spec instanceof ParamSpec.NumberParam n) {
            return "number " + new ParamValue.Num(n.min()).describe() + " to " + new ParamValue.Num(n.max()).describe();
        } else if (spec instanceof ParamSpec.SecretParam) {
            return "env:API_KEY or keystore:NAME";
        } else if (spec instanceof ParamSpec.PathParam p) {
            return p.pathKind() == ParamSpec.PathParam.PathKind.FILE ? "file path" : "folder path";
        }
        return "";
    }

    private void choosePath(ParamSpec.PathParam p) {
        File chosen;
        if (p.pathKind() == ParamSpec.PathParam.PathKind.FOLDER) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(p.label());
            chosen = chooser.showDialog(root.getScene().getWindow());
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(p.label());
            chosen = p.mustExist() ? chooser.showOpenDialog(root.getScene().getWindow())
                    : chooser.showSaveDialog(root.getScene().getWindow());
        }
        if (chosen != null) {
            textInput.setText(chosen.getPath());
            commit();
        }
    }

    private void step(int direction) {
        Optional<ParamValue> parsed = parse(textInput.getText());
        if (spec instanceof ParamSpec.IntParam i) {
            long v = parsed.filter(ParamValue.Int.class::isInstance).map(x -> ((ParamValue.Int) x).value()).orElse(i.defaultLong());
            textInput.setText(Long.toString(Math.max(i.min(), Math.min(i.max(), v + direction * i.step()))));
        } else if (spec instanceof ParamSpec.NumberParam n) {
            double v = parsed.filter(ParamValue.Num.class::isInstance).map(x -> ((ParamValue.Num) x).value()).orElse(n.defaultNumber());
            textInput.setText(new ParamValue.Num(Math.max(n.min(), Math.min(n.max(), v + direction * n.step()))).describe());
        }
        commit();
    }

    /** Whether blank text means "no value" (the spec's default, or nothing for an optional parameter). */
    private boolean blankMeansUnset(String text) {
        return text.isBlank() && !(spec instanceof ParamSpec.TextParam) && !(spec instanceof ParamSpec.PathParam);
    }

    private Optional<ParamValue> parse(String text) {
        try {
            return Optional.of(spec.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Live check of what is typed; returns the problem shown, if any. */
    private String check(String text) {
        String message;
        if (blankMeansUnset(text)) {
            message = spec.required() && spec.defaultValue().isEmpty() ? "is required" : null;
        } else {
            try {
                ParamValue value = spec.parse(text);
                message = spec.check(value).map(ParamProblem::detail).orElse(null);
            } catch (IllegalArgumentException e) {
                message = e.getMessage();
            }
        }
        showProblem(message == null ? null : spec.label() + " " + message);
        return message;
    }

    private void commit() {
        if (textInput == null) {
            return;
        }
        String text = textInput.getText() == null ? "" : textInput.getText();
        if (blankMeansUnset(text)) {
            sink.reset();
            return;
        }
        Optional<ParamValue> parsed = parse(text);
        if (parsed.isPresent()) {
            sink.set(parsed.get());
        } else {
            check(text);
        }
    }

    /** Shows the stored value (or the default) unless the user is typing in this field. */
    void show(ParamValue value) {
        updating = true;
        try {
            if (toggle != null) {
                toggle.setSelected(value instanceof ParamValue.Bool b && b.value());
            } else if (choice != null) {
                choice.setValue(value instanceof ParamValue.Text t ? t.value() : null);
            } else if (!textInput.isFocused()) {
                textInput.setText(textOf(value));
            }
        } finally {
            updating = false;
        }
    }

    /** The validator's message for this parameter (null when it has none); shown unless typing shows another. */
    void showValidatorMessage(String message) {
        validatorMessage = message;
        showProblem(message);
    }

    private void showProblem(String message) {
        String shown = message != null ? message : validatorMessage;
        problem.setText(shown == null ? "" : shown);
        problem.setVisible(shown != null);
        problem.setManaged(shown != null);
        editor.pseudoClassStateChanged(ERROR, shown != null);
        if (textInput != null) {
            textInput.pseudoClassStateChanged(ERROR, shown != null);
        }
    }

    static String textOf(ParamValue v) {
        if (v == null) {
            return "";
        } else if (v instanceof ParamValue.Text t) {
            return t.value();
        } else if (v instanceof ParamValue.Secret s) {
            return s.ref().toString();
        } else if (v instanceof ParamValue.Json j) {
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(j.value());
            } catch (JsonProcessingException e) {
                return j.value().toString();
            }
        }
        return v.describe();
    }

    /** For tests and the window: does this field currently show a problem? */
    boolean hasProblem() {
        return problem.isVisible();
    }
}

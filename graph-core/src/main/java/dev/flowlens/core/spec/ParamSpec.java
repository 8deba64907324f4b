package dev.flowlens.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.validation.IssueCode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parameter of a node type. The sealed set of kinds is what the inspector builds its editors from, what
 * the validator checks values against, and what turns {@code --set node.param=value} text into a value.
 */
public sealed interface ParamSpec {

    String name();

    String label();

    String description();

    /** The value used when the workflow sets none; empty when the parameter has no sensible default. */
    Optional<ParamValue> defaultValue();

    /** A value must be given (and, for text, not be blank). */
    boolean required();

    /** The kind written in the node catalogue: "integer", "number", "text", …. */
    String kind();

    /** Checks a value set in a workflow; empty when it is fine. */
    Optional<ParamProblem> check(ParamValue value);

    /** Reads a value typed by a person (an override, a text field); throws with the expected form. */
    ParamValue parse(String text);

    private static Optional<ParamProblem> problem(IssueCode code, String detail) {
        return Optional.of(new ParamProblem(code, detail));
    }

    private static Optional<ParamProblem> wrongType(String expected, ParamValue got) {
        // Reads on from the parameter's label: "Width must be a whole number, got \"big\"".
        return problem(IssueCode.WRONG_VALUE_TYPE, "must be " + expected + ", got " + got.describe());
    }

    private static String format(double d) {
        return new ParamValue.Num(d).describe();
    }

    record IntParam(String name, String label, String description, long defaultLong, long min, long max, long step)
            implements ParamSpec {
        public IntParam {
            Names.requireParamName(name);
            if (min > max || defaultLong < min || defaultLong > max || step <= 0) {
                throw new IllegalArgumentException(name + ": need min <= default <= max and step > 0");
            }
        }

        public static IntParam of(String name, String label, long defaultValue, long min, long max, String description) {
            return new IntParam(name, label, description, defaultValue, min, max, 1);
        }

        @Override
        public Optional<ParamValue> defaultValue() {
            return Optional.of(new ParamValue.Int(defaultLong));
        }

        @Override
        public boolean required() {
            return false;
        }

        @Override
        public String kind() {
            return "integer";
        }

        @Override
        public Optional<ParamProblem> check(ParamValue value) {
            if (value instanceof ParamValue.Int i) {
                return i.value() < min || i.value() > max ? outOfRange(value) : Optional.empty();
            }
            if (value instanceof ParamValue.Num n && n.value() == Math.rint(n.value())) {
                // Compared as doubles: a cast would clamp 1e30 to Long.MAX_VALUE and report a number never written.
                return n.value() < min || n.value() > max ? outOfRange(value) : Optional.empty();
            }
            return wrongType("a whole number", value);
        }

        private Optional<ParamProblem> outOfRange(ParamValue value) {
            return problem(IssueCode.VALUE_OUT_OF_RANGE, "must be between " + min + " and " + max + ", got "
                    + value.describe());
        }

        @Override
        public ParamValue parse(String text) {
            try {
                return new ParamValue.Int(Long.parseLong(text.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, got \"" + text + "\"");
            }
        }
    }

    record NumberParam(String name, String label, String description, double defaultNumber, double min, double max,
                       double step) implements ParamSpec {
        public NumberParam {
            Names.requireParamName(name);
            if (!(min <= defaultNumber && defaultNumber <= max) || !(step > 0)) {
                throw new IllegalArgumentException(name + ": need min <= default <= max and step > 0");
            }
        }

        public static NumberParam of(String name, String label, double defaultValue, double min, double max,
                                     String description) {
            // A range of one value (a setting pinned by the node's author) still needs a positive step.
            return new NumberParam(name, label, description, defaultValue, min, max, max > min ? (max - min) / 100 : 1);
        }

        @Override
        public Optional<ParamValue> defaultValue() {
            return Optional.of(new ParamValue.Num(defaultNumber));
        }

        @Override
        public boolean required() {
            return false;
        }

        @Override
        public String kind() {
            return "number";
        }

        @Override
        public Optional<ParamProblem> check(ParamValue value) {
            double v;
            if (value instanceof ParamValue.Num n) {
                v = n.value();
            } else if (value instanceof ParamValue.Int i) {
                v = i.value();
            } else {
                return wrongType("a number", value);
            }
            if (v < min || v > max) {
                return problem(IssueCode.VALUE_OUT_OF_RANGE,
                        "must be between " + format(min) + " and " + format(max) + ", got " + format(v));
            }
            return Optional.empty();
        }

        @Override
        public ParamValue parse(String text) {
            try {
                return new ParamValue.Num(Double.parseDouble(text.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a number, got \"" + text + "\"");
            }
        }
    }

    /** Text; {@code pattern} (a Java regular expression, whole-value match) is optional. */
    record TextParam(String name, String label, String description, String defaultText, boolean multiline,
                     String pattern, boolean required) implements ParamSpec {
        public TextParam {
            Names.requireParamName(name);
            if (pattern != null) {
                try {
                    Pattern.compile(pattern);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(name + ": bad pattern " + pattern, e);
                }
            }
        }

        public static TextParam of(String name, String label, String defaultValue, String description) {
            return new TextParam(name, label, description, defaultValue, false, null, false);
        }

        public static TextParam multiline(String name, String label, String defaultValue, String description) {
            return new TextParam(name, label, description, defaultValue, true, null, false);
        }

        public static TextParam requiredText(String name, String label, String description) {
            return new TextParam(name, label, description, null, false, null, true);
        }

        public TextParam withPattern(String regex) {
            return new TextParam(name, label, description, defaultText, multiline, regex, required);
        }

        @Override
        public Optional<ParamValue> defaultValue() {
            return Optional.ofNullable(defaultText).map(ParamValue.Text::new);
        }

        @Override
        public String kind() {
            return multiline ? "multiline_text" : "text";
        }

        @Override
        public Optional<ParamProblem> check(ParamValue value) {
            if (!(value instanceof ParamValue.Text t)) {
                return wrongType("text", value);
            }
            if (required && t.value().isBlank()) {
                return problem(IssueCode.REQUIRED_PARAM_MISSING, "is required");
            }
            if (pattern != null && !t.value().isEmpty() && !Pattern.compile(pattern).matcher(t.value()).matches()) {
                return problem(IssueCode.PATTERN_MISMATCH, "must match " + pattern + ", got " + t.describe());
            }
            return Optional.empty();
        }

        @Override
        public ParamValue parse(String text) {
            return new ParamValue.Text(text);
        }
    }

    record ChoiceParam(String name, String label, String description, String defaultChoice, List<String> choices)
            implements ParamSpec {
        public ChoiceParam {
            Names.requireParamName(name);
            choices = List.copyOf(choices);
            if (choices.isEmpty() || !choices.contains(defaultChoice)) {
                throw new IllegalArgumentException(name + ": the default must be one of the choices");
            }
        }

        public static ChoiceParam of(String name, String label, String defaultValue, List<String> choices,
                                     String description) {
            return new ChoiceParam(name, label, description, defaultValue, choices);
        }

        @Override
        public Optional<ParamValue> defaultValue() {
            return Optional.of(new ParamValue.Text(defaultChoice));
        }

        @Override
        public boolean required() {
            return false;
        }

        @Override
        public String kind() {
            return "choice";
        }

        @Override
        public Optional<ParamProblem> check(ParamValue value) {
            if (!(value instanceof ParamValue.Text t)) {
                return wrongType("one of " + String.join(", ", choices), value);
            }
            if (!choices.contains(t.value())) {
                return problem(IssueCode.VALUE_NOT_IN_CHOICES,
                        "must be one of " + String.join(", ", choices) + "; got " + t.describe());
            }
            return Optional.empty();
        }

        @Override
        public ParamValue parse(String text) {
            return new ParamValue.Text(text.strip());
        }
    }

    record BoolParam(String name, String label, String description, boolean defaultFlag) implements ParamSpec {
        public BoolParam {
            Names.requireParamName(name);
        }

        public static BoolParam of(String name, String label, boolean defaultValue, String description) {
            return new BoolParam(name, label, description, defaultValue);
        }

        @Override
        public Optional<ParamValue> defaultValue() {
            return Optional.of(new ParamValue.Bool(defaultFlag));
        }

        @Override
        public boolean required() {
            return false;
        }

        @Override
        public String kind() {
            return "boolean";
        }

        @Override
        public Optional<ParamProblem> check(ParamValue value) {
            return value instanceof ParamValue.Bool ? Optional.empty() : wrongType("true or false", value);
        }

        @Override
        public ParamValue parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> new ParamValue.Bool(true);
                case "false", "no", "off", "0" -> new ParamValue.Bool(false);
                default -> throw new IllegalArgumentException("expected true or false, got \"" + text + "\"");
            };
        }
    }

    /**
     * A file or folder. Whether it must exist is checked when the node runs (the workflow may be built on one
     * machine and run on another); the validator checks only that a required path is given.
     */
    record PathParam(String name, String label, String description, String defaultPath, PathKind pathKind,
                     boolean mustExist, boolean required) implements ParamSpec {
        public enum PathKind { FILE, FOLDER }

        public PathParam {
            Names.requireParamName(name);
            Objects.requireNonNull(pathKind, "pathKind");
        }

        public static PathParam existingFile(String name, String label, String description) {
            return new PathParam(name, label, description, null, PathKind.FILE, true, true);
        }

        public static PathParam existingFolder(String name, String label, String description) {
            return new PathParam(name, label, description, null, PathKind.FOLDER, true, true);
        }

        public static PathParam outputFile(String name, String label, String defaultPath, String description) {
            return new PathParam(name, label, description, defaultPath, PathKind.FILE, false, true);
        }

        public static PathParam outputFolder(String name, String label, String defaultPath, String description) {
            return new PathParam(name, label, description, defaultPath, PathKind.FOLDER, false, true);
        }

        @Override
        public Optional<ParamValue> defaultValue() {
            return Optional.ofNullable(defaultPath).map(ParamValue.Text::new);
        }

        @Override
        public String kind() {
            return pathKind == PathKind.FILE ? "file" : "folder";
        }

        @Override
        public Optional<ParamProblem> check(ParamValue value) {
            if (!(value instanceof ParamValue.Text t)) {
                return wrongType("a " + kind() + " path", value);
            }
            if (required && t.value().isBlank()) {
                return problem(IssueCode.REQUIRED_PARAM_MISSING, "is required: choose a " + kind());
            }
            if (t.value().indexOf('\0') >= 0) {
                return problem(IssueCode.WRONG_VALUE_TYPE, "is not a valid path");
            }
            return Optional.empty();
        }

        @Override
        public ParamValue parse(String text) {
            return new ParamValue.Text(text);
        }
    }

    /** A JSON schema (an object) that answers are validated against. Checked as a schema by the runtime. */
    record JsonSchemaParam(String name, String label, String description, ParamValue.Json defaultSchema,
                           boolean required) implements ParamSpec {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        public JsonSchemaParam {
            Names.requireParamName(name);
        }

        public static JsonSchemaParam optional(String name, String label, String description) {
            return new JsonSchemaParam(name, label, description, null, false);
        }

        @Override
        public Optional<ParamValue> defaultValue() {
            return Optional.ofNullable(defaultSchema);
        }

        @Override
        public String kind() {
            return "json_schema";
        }

        @Override
        public Optional<ParamProblem> check(ParamValue value) {
            if (value instanceof ParamValue.Json j && (j.value().isObject() || j.value().isBoolean())) {
                return Optional.empty();
            }
            if (value instanceof ParamValue.Text t && t.value().isBlank()) {
                // Left empty: fine when optional; when required, say so rather than "must be a JSON schema object".
                return required ? problem(IssueCode.REQUIRED_PARAM_MISSING, "is required") : Optional.empty();
            }
            return wrongType("a JSON schema object", value);
        }

        @Override
        public ParamValue parse(String text) {
            try {
                JsonNode node = MAPPER.readTree(text);
                if (node == null || !node.isObject()) {
                    throw new IllegalArgumentException("expected a JSON schema object, got " + text);
                }
                return new ParamValue.Json(node);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("expected a JSON schema object: " + e.getOriginalMessage());
            }
        }
    }

    /** An API key or password. Only a {@link SecretRef reference} is ever stored. */
    record SecretParam(String name, String label, String description, boolean required) implements ParamSpec {
        public SecretParam {
            Names.requireParamName(name);
        }

        public static SecretParam optional(String name, String label, String description) {
            return new SecretParam(name, label, description, false);
        }

        @Override
        public Optional<ParamValue> defaultValue() {
            return Optional.empty();
        }

        @Override
        public String kind() {
            return "secret";
        }

        @Override
        public Optional<ParamProblem> check(ParamValue value) {
            if (value instanceof ParamValue.Secret) {
                return Optional.empty();
            }
            if (value instanceof ParamValue.Text t && t.value().isBlank()) {
                // Left empty: fine when optional; when required, say so (blank text cannot leak a secret).
                return required ? problem(IssueCode.REQUIRED_PARAM_MISSING,
                        "is required: give a reference such as env:API_KEY or keystore:NAME") : Optional.empty();
            }
            // Never echo the value: it may be the secret itself.
            return problem(IssueCode.SECRET_NOT_A_REFERENCE, "must be a reference such as env:API_KEY or keystore:NAME; "
                    + "a workflow never stores the secret itself");
        }

        @Override
        public ParamValue parse(String text) {
            try {
                return new ParamValue.Secret(SecretRef.parse(text.strip()));
            } catch (IllegalArgumentException e) {
                // Never echo the text: a person may have typed the secret itself.
                throw new IllegalArgumentException("expected a secret reference such as env:API_KEY or keystore:NAME");
            }
        }
    }
}

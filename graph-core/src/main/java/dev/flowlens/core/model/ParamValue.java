package dev.flowlens.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A parameter value as stored in a workflow. JSON scalars map to {@link Text}, {@link Int}, {@link Num} and
 * {@link Bool}; a secret reference to {@link Secret}; anything structured (a JSON schema, a list) to
 * {@link Json}. Values are immutable.
 */
public sealed interface ParamValue {

    /** A short form for messages: numbers as written, text quoted, secrets by reference only. */
    String describe();

    record Text(String value) implements ParamValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String describe() {
            return "\"" + value + "\"";
        }
    }

    record Int(long value) implements ParamValue {
        @Override
        public String describe() {
            return Long.toString(value);
        }
    }

    record Num(double value) implements ParamValue {
        public Num {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("number must be finite, got " + value);
            }
        }

        @Override
        public String describe() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    record Bool(boolean value) implements ParamValue {
        @Override
        public String describe() {
            return Boolean.toString(value);
        }
    }

    record Secret(SecretRef ref) implements ParamValue {
        public Secret {
            Objects.requireNonNull(ref, "ref");
        }

        @Override
        public String describe() {
            return "secret " + ref;
        }
    }

    /** Structured JSON. The node is copied in and out, so callers can never change a stored value. */
    record Json(JsonNode value) implements ParamValue {
        public Json {
            Objects.requireNonNull(value, "value");
            value = value.deepCopy();
        }

        @Override
        public JsonNode value() {
            return value.deepCopy();
        }

        @Override
        public String describe() {
            String text = value.toString();
            return text.length() > 60 ? text.substring(0, 57) + "..." : text;
        }
    }

    static ParamValue of(String text) {
        return new Text(text);
    }

    static ParamValue of(long number) {
        return new Int(number);
    }

    static ParamValue of(double number) {
        return new Num(number);
    }

    static ParamValue of(boolean flag) {
        return new Bool(flag);
    }
}

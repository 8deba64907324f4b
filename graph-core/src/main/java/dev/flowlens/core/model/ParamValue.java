package dev.flowlens.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    /**
     * Structured JSON (an object or a list; a scalar reads back from a file as {@link Text}, {@link Int},
     * {@link Num} or {@link Bool}). The value is stored as its JSON text reads back, so a value equals itself
     * after a save and a load (a {@code LongNode} 5 becomes an {@code IntNode} 5, a {@code FloatNode} a
     * {@code DoubleNode}); it is copied in and out, so callers can never change a stored value.
     */
    record Json(JsonNode value) implements ParamValue {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        public Json {
            Objects.requireNonNull(value, "value");
            if (value.isNull() || value.isMissingNode()) {
                // Written as null, it would vanish on the next load.
                throw new IllegalArgumentException("a JSON parameter value cannot be null; remove the parameter instead");
            }
            if (value.isObject() && value.size() == 1 && value.has("$secret")) {
                // The file format writes a secret reference exactly so (WorkflowCodec.SECRET_KEY).
                throw new IllegalArgumentException("a JSON value of only \"$secret\" would read back as a secret "
                        + "reference; use ParamValue.Secret");
            }
            try {
                value = MAPPER.readTree(MAPPER.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a JSON value: " + e.getOriginalMessage(), e);
            }
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

package dev.flowlens.core.type;

import java.util.Locale;
import java.util.Objects;

/**
 * The type of a port. A small sealed hierarchy: the basic kinds, {@link ListOf lists} of any type, and
 * {@link Any}. {@link #accepts(PortType)} is the one rule the validator, the editor and the executor share.
 *
 * <p>Written in files and specs as {@code image}, {@code list<image>} or {@code any}.
 */
public sealed interface PortType permits PortType.Basic, PortType.ListOf, PortType.Any {

    Basic IMAGE = new Basic(Kind.IMAGE);
    Basic TEXT = new Basic(Kind.TEXT);
    Basic INTEGER = new Basic(Kind.INTEGER);
    Basic NUMBER = new Basic(Kind.NUMBER);
    Basic BOOLEAN = new Basic(Kind.BOOLEAN);
    Basic JSON = new Basic(Kind.JSON);
    Basic TABLE = new Basic(Kind.TABLE);
    Basic FILE_PATH = new Basic(Kind.FILE_PATH);
    Basic CLASSIFICATIONS = new Basic(Kind.CLASSIFICATIONS);
    Basic DETECTIONS = new Basic(Kind.DETECTIONS);
    Any ANY = new Any();

    /** The kinds of single values that flow between nodes. */
    enum Kind {
        IMAGE("Image"),
        TEXT("Text"),
        INTEGER("Integer"),
        NUMBER("Number"),
        BOOLEAN("Boolean"),
        JSON("JSON"),
        TABLE("Table"),
        FILE_PATH("File path"),
        CLASSIFICATIONS("Classifications"),
        DETECTIONS("Detections");

        private final String displayName;

        Kind(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The name users read: "Image", "List of Image". */
    String displayName();

    /** The name written in files and specs: "image", "list&lt;image&gt;". */
    String id();

    /** Whether a wire from an output of type {@code source} may end in an input of this type, and how. */
    default Compatibility accepts(PortType source) {
        Objects.requireNonNull(source, "source");
        if (this instanceof Any || equals(source)) {
            return Compatibility.DIRECT;
        }
        if (this instanceof Basic target && source instanceof Basic from) {
            return target.kind() == Kind.NUMBER && from.kind() == Kind.INTEGER
                    ? Compatibility.DIRECT
                    : Compatibility.refused(this, source);
        }
        if (this instanceof ListOf target && source instanceof ListOf from) {
            return target.element().accepts(from.element()) instanceof Compatibility.Direct
                    ? Compatibility.DIRECT
                    : Compatibility.refused(this, source);
        }
        if (this instanceof ListOf target) {
            // A single value where a list is expected becomes a list of one.
            return target.element().accepts(source) instanceof Compatibility.Direct
                    ? Compatibility.WRAP
                    : Compatibility.refused(this, source);
        }
        if (source instanceof ListOf from) {
            // A list into a single-valued input: the node runs once per element.
            return accepts(from.element()) instanceof Compatibility.Direct
                    ? Compatibility.FAN_OUT
                    : Compatibility.refused(this, source);
        }
        return Compatibility.refused(this, source);
    }

    static ListOf listOf(PortType element) {
        return new ListOf(element);
    }

    /** Parses the file form; throws {@link IllegalArgumentException} naming the known types. */
    static PortType parse(String text) {
        String t = text.strip();
        if (t.equals("any")) {
            return ANY;
        }
        if (t.startsWith("list<") && t.endsWith(">")) {
            return new ListOf(parse(t.substring(5, t.length() - 1)));
        }
        for (Kind k : Kind.values()) {
            if (k.id().equals(t)) {
                return new Basic(k);
            }
        }
        throw new IllegalArgumentException("unknown port type \"" + text + "\"; known: any, list<T>, "
                + String.join(", ", java.util.Arrays.stream(Kind.values()).map(Kind::id).toList()));
    }

    record Basic(Kind kind) implements PortType {
        public Basic {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public String displayName() {
            return kind.displayName();
        }

        @Override
        public String id() {
            return kind.id();
        }
    }

    record ListOf(PortType element) implements PortType {
        public ListOf {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public String displayName() {
            return "List of " + element.displayName();
        }

        @Override
        public String id() {
            return "list<" + element.id() + ">";
        }
    }

    /** Accepts every value; for pass-through and inspection nodes such as Preview. */
    record Any() implements PortType {
        @Override
        public String displayName() {
            return "Any";
        }

        @Override
        public String id() {
            return "any";
        }
    }
}

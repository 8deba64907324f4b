package dev.flowlens.core.type;

/** The answer of {@link PortType#accepts(PortType)}: how a value crosses a wire, or why it cannot. */
public sealed interface Compatibility {
    Direct DIRECT = new Direct();
    FanOut FAN_OUT = new FanOut();
    Wrap WRAP = new Wrap();

    default boolean allowed() {
        return !(this instanceof Refused);
    }

    static Refused refused(PortType target, PortType source) {
        return new Refused(target, source);
    }

    /** The value is passed as it is (integers widen to numbers). */
    record Direct() implements Compatibility {
    }

    /** A list reaches a single-valued input: the node runs once per element and yields a list. */
    record FanOut() implements Compatibility {
    }

    /** A single value reaches a list input: it is passed as a list of one. */
    record Wrap() implements Compatibility {
    }

    /** The wire is refused. */
    record Refused(PortType target, PortType source) implements Compatibility {
        /** "Resize.image expects Image, but OCR.text gives Text". */
        public String message(String targetPort, String sourcePort) {
            return targetPort + " expects " + target.displayName() + ", but " + sourcePort + " gives " + source.displayName();
        }
    }
}

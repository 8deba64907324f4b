package dev.flowlens.runtime.node;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.SecretRef;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.ParamSpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A node's parameter values for one run: the values set in the workflow (after overrides) over the spec's
 * defaults. Typed getters; the workflow was validated before the run, so a getter only fails on a
 * programming error (asking for a parameter the spec does not declare).
 */
public final class Params {
    private final NodeSpec spec;
    private final Map<String, ParamValue> values;

    public Params(NodeSpec spec, Map<String, ParamValue> set) {
        this.spec = spec;
        Map<String, ParamValue> merged = new TreeMap<>();
        for (ParamSpec p : spec.params()) {
            ParamValue v = set.containsKey(p.name()) ? set.get(p.name()) : p.defaultValue().orElse(null);
            if (v != null) {
                merged.put(p.name(), v);
            }
        }
        this.values = Map.copyOf(merged);
    }

    /** The spec's defaults only; for tests and for nodes placed fresh on the canvas. */
    public static Params defaults(NodeSpec spec) {
        return new Params(spec, Map.of());
    }

    /** Every value in effect, by parameter name (for cache keys and previews). */
    public Map<String, ParamValue> values() {
        return values;
    }

    public Optional<ParamValue> value(String name) {
        declared(name);
        return Optional.ofNullable(values.get(name));
    }

    public long integer(String name) {
        ParamValue v = require(name);
        if (v instanceof ParamValue.Int i) {
            return i.value();
        }
        if (v instanceof ParamValue.Num n) {
            return (long) n.value();
        }
        throw mismatch(name, "a whole number", v);
    }

    public double number(String name) {
        ParamValue v = require(name);
        if (v instanceof ParamValue.Num n) {
            return n.value();
        }
        if (v instanceof ParamValue.Int i) {
            return i.value();
        }
        throw mismatch(name, "a number", v);
    }

    public boolean bool(String name) {
        ParamValue v = require(name);
        if (v instanceof ParamValue.Bool b) {
            return b.value();
        }
        throw mismatch(name, "true or false", v);
    }

    /** Text, choice and path parameters; "" when an optional one is not set. */
    public String text(String name) {
        declared(name);
        ParamValue v = values.get(name);
        if (v == null) {
            return "";
        }
        if (v instanceof ParamValue.Text t) {
            return t.value();
        }
        throw mismatch(name, "text", v);
    }

    public Optional<JsonNode> json(String name) {
        declared(name);
        ParamValue v = values.get(name);
        return v instanceof ParamValue.Json j ? Optional.of(j.value()) : Optional.empty();
    }

    public Optional<SecretRef> secret(String name) {
        declared(name);
        ParamValue v = values.get(name);
        return v instanceof ParamValue.Secret s ? Optional.of(s.ref()) : Optional.empty();
    }

    private ParamValue require(String name) {
        declared(name);
        ParamValue v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(spec.typeId() + ": parameter " + name + " has no value and no default");
        }
        return v;
    }

    private void declared(String name) {
        if (spec.param(name).isEmpty()) {
            throw new IllegalArgumentException(spec.typeId() + " declares no parameter \"" + name + "\"");
        }
    }

    private IllegalStateException mismatch(String name, String expected, ParamValue got) {
        return new IllegalStateException(spec.typeId() + ": parameter " + name + " should be " + expected + ", got "
                + got.describe() + " (the workflow was not validated)");
    }
}

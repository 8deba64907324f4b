package dev.flowlens.runtime.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeFlag;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import java.util.Locale;

/**
 * The one JSON shape of node specs, shared by the HTTP API's {@code GET /api/nodes} and {@code flowlens nodes
 * --json}, so clients can build workflows from it.
 *
 * <p>Each spec: {@code type}, {@code version}, {@code displayName}, {@code category}, {@code description},
 * {@code inputs} and {@code outputs} ({@code name}, {@code type} as a port type id such as {@code list<image>},
 * {@code description}; inputs add {@code required}), {@code params} ({@code name}, {@code kind}, {@code label},
 * {@code description}, {@code required}, {@code default} (null when none), and by kind {@code min}/{@code max}/
 * {@code step}, {@code choices}, {@code multiline}/{@code pattern}, {@code pathKind}/{@code mustExist}), and
 * {@code flags} (lower case). Keys are only ever added, never renamed or removed.
 */
public final class NodeSpecJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private NodeSpecJson() {
    }

    /** Every spec of the catalogue, in the catalogue's order. */
    public static ArrayNode toJson(NodeCatalog catalog) {
        ArrayNode all = JSON.arrayNode();
        catalog.specs().forEach(s -> all.add(toJson(s)));
        return all;
    }

    public static ObjectNode toJson(NodeSpec s) {
        ObjectNode o = JSON.objectNode();
        o.put("type", s.typeId());
        o.put("version", s.version());
        o.put("displayName", s.displayName());
        o.put("category", s.category());
        o.put("description", s.description());
        ArrayNode inputs = o.putArray("inputs");
        for (InputSpec i : s.inputs()) {
            inputs.addObject().put("name", i.name()).put("type", i.type().id()).put("required", i.required())
                    .put("description", i.description());
        }
        ArrayNode outputs = o.putArray("outputs");
        for (OutputSpec out : s.outputs()) {
            outputs.addObject().put("name", out.name()).put("type", out.type().id()).put("description", out.description());
        }
        ArrayNode params = o.putArray("params");
        s.params().forEach(p -> params.add(param(p)));
        ArrayNode flags = o.putArray("flags");
        s.flags().stream().map(NodeFlag::name).sorted().map(f -> f.toLowerCase(Locale.ROOT)).forEach(flags::add);
        return o;
    }

    private static ObjectNode param(ParamSpec p) {
        ObjectNode x = JSON.objectNode();
        x.put("name", p.name());
        x.put("kind", p.kind());
        x.put("label", p.label());
        x.put("description", p.description());
        x.put("required", p.required());
        // Secret parameters have no default: a spec never carries a secret, only where to find one.
        p.defaultValue().ifPresentOrElse(v -> x.set("default", WorkflowCodec.valueToJson(v)), () -> x.putNull("default"));
        if (p instanceof ParamSpec.IntParam i) {
            x.put("min", i.min()).put("max", i.max()).put("step", i.step());
        } else if (p instanceof ParamSpec.NumberParam n) {
            x.put("min", n.min()).put("max", n.max()).put("step", n.step());
        } else if (p instanceof ParamSpec.ChoiceParam c) {
            ArrayNode choices = x.putArray("choices");
            c.choices().forEach(choices::add);
        } else if (p instanceof ParamSpec.TextParam t) {
            x.put("multiline", t.multiline());
            if (t.pattern() == null) {
                x.putNull("pattern");
            } else {
                x.put("pattern", t.pattern());
            }
        } else if (p instanceof ParamSpec.PathParam path) {
            x.put("pathKind", path.pathKind().name().toLowerCase(Locale.ROOT));
            x.put("mustExist", path.mustExist());
        }
        return x;
    }
}

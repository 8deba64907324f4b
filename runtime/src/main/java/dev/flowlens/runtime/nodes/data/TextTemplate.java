package dev.flowlens.runtime.nodes.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.spec.ParamSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import dev.flowlens.runtime.nodes.Failures;
import dev.flowlens.runtime.nodes.Values;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{field}}} placeholders from a JSON object ({@code {{a.b}}} reaches into nested objects) and
 * {@code {{text}}} from the text input. A placeholder with no value is an error that names it.
 */
public final class TextTemplate implements NodeType {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private static final NodeSpec SPEC = NodeSpec.builder("data.template", "Text template", "data")
            .description("Builds text from a template with {{field}} placeholders.")
            .input(InputSpec.optional("json", PortType.JSON, "An object whose fields fill {{field}}"))
            .input(InputSpec.optional("text", PortType.TEXT, "Fills {{text}}"))
            .param(ParamSpec.TextParam.multiline("template", "Template", "{{text}}",
                    "Text with {{field}} placeholders; {{a.b}} for nested fields"))
            .output(OutputSpec.of("text", PortType.TEXT, "The filled-in text"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        Optional<JsonNode> json = input.optional("json", JsonNode.class);
        Optional<String> text = input.optional("text", String.class);
        String template = input.params().text("template");
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String field = m.group(1);
            String value = lookup(field, json, text)
                    .orElseThrow(() -> Failures.of(context, "template field {{" + field + "}} has no value; "
                            + available(json, text)));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return Map.of("text", out.toString());
    }

    private static Optional<String> lookup(String field, Optional<JsonNode> json, Optional<String> text) {
        if (field.equals("text") && text.isPresent()) {
            return text;
        }
        if (json.isEmpty() || field.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = json.get();
        for (String part : field.split("\\.")) {
            node = node.isArray() && part.matches("\\d+") ? node.get(Integer.parseInt(part)) : node.get(part);
            if (node == null) {
                return Optional.empty();
            }
        }
        return node.isNull() ? Optional.empty() : Optional.of(Values.text(node));
    }

    private static String available(Optional<JsonNode> json, Optional<String> text) {
        List<String> names = new ArrayList<>();
        text.ifPresent(t -> names.add("text"));
        if (json.isPresent() && json.get().isObject()) {
            for (Iterator<String> it = json.get().fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
        }
        return names.isEmpty() ? "nothing is wired into json or text" : "available: " + String.join(", ", names);
    }
}

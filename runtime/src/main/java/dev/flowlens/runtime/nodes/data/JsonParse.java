package dev.flowlens.runtime.nodes.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flowlens.core.spec.InputSpec;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.OutputSpec;
import dev.flowlens.core.type.PortType;
import dev.flowlens.runtime.node.NodeContext;
import dev.flowlens.runtime.node.NodeFailure;
import dev.flowlens.runtime.node.NodeInput;
import dev.flowlens.runtime.node.NodeType;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses JSON text, as models answer it: surrounding whitespace and a Markdown code fence (```json ... ```)
 * are removed first. Errors say where (line, column) and show the text around that place.
 */
public final class JsonParse implements NodeType {
    private static final Pattern FENCE = Pattern.compile("(?s)^```[A-Za-z0-9_-]*\\s*\\n?(.*?)\\n?\\s*```$");
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final NodeSpec SPEC = NodeSpec.builder("data.json_parse", "Parse JSON", "data")
            .description("Reads JSON text (code fences around it are removed).")
            .input(InputSpec.required("text", PortType.TEXT, "JSON text"))
            .output(OutputSpec.of("json", PortType.JSON, "The parsed value"))
            .build();

    @Override
    public NodeSpec spec() {
        return SPEC;
    }

    @Override
    public Map<String, Object> execute(NodeInput input, NodeContext context) throws NodeFailure {
        return Map.of("json", parse(input.get("text", String.class)));
    }

    static String stripFences(String text) {
        String t = text.strip();
        Matcher m = FENCE.matcher(t);
        return m.matches() ? m.group(1).strip() : t;
    }

    static JsonNode parse(String text) throws NodeFailure {
        String json = stripFences(text);
        if (json.isEmpty()) {
            throw new NodeFailure("expected JSON, got empty text");
        }
        try {
            return STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String near = at == null ? "" : near(json, at.getLineNr(), at.getColumnNr());
            throw new NodeFailure("not valid JSON" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + near, e);
        }
    }

    private static String near(String json, int line, int column) {
        String[] lines = json.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return "";
        }
        String l = lines[line - 1];
        int c = Math.max(0, Math.min(l.length(), column - 1));
        String snippet = l.substring(Math.max(0, c - 20), Math.min(l.length(), c + 20));
        return " (near \"" + snippet + "\")";
    }
}

package dev.flowlens.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Version 0 (the preview releases) had no {@code formatVersion}, kept node coordinates as top-level
 * {@code x}/{@code y}, and wrote wires as {@code "links": [[fromNode, fromPort, toNode, toPort], …]}.
 * Version 1 nests coordinates in {@code position}, writes wires as {@code {"from": "a.out", "to": "b.in"}}
 * and adds the canvas block.
 */
final class V0ToV1 implements Migration {
    private static final Pattern POSITION = Pattern.compile("(/nodes/\\d+)/position(?:/(x|y))?");
    private static final Pattern EDGE = Pattern.compile("/edges/(\\d+)(?:/from|/to)?");

    @Override
    public int fromVersion() {
        return 0;
    }

    @Override
    public ObjectNode migrate(ObjectNode doc) {
        JsonNode nodes = doc.get("nodes");
        if (nodes instanceof ArrayNode array) {
            for (JsonNode n : array) {
                if (n instanceof ObjectNode node && !node.has("position")) {
                    ObjectNode position = node.putObject("position");
                    position.set("x", orZero(node.remove("x")));
                    position.set("y", orZero(node.remove("y")));
                }
            }
        }
        JsonNode links = doc.remove("links");
        if (links instanceof ArrayNode linkArray && !doc.has("edges")) {
            ArrayNode edges = doc.putArray("edges");
            for (JsonNode link : linkArray) {
                if (link.isArray() && link.size() == 4) {
                    edges.addObject()
                            .put("from", link.get(0).asText() + "." + link.get(1).asText())
                            .put("to", link.get(2).asText() + "." + link.get(3).asText());
                } else {
                    edges.add(link); // left as is, so the reader reports it at its place
                }
            }
        }
        if (!doc.has("canvas")) {
            ObjectNode canvas = doc.putObject("canvas");
            canvas.putArray("frames");
            canvas.putObject("viewport").put("zoom", 1.0).put("x", 0.0).put("y", 0.0);
        }
        doc.put("formatVersion", 1);
        return doc;
    }

    @Override
    public String pointerBefore(String pointer) {
        Matcher position = POSITION.matcher(pointer);
        if (position.matches()) {
            return position.group(2) == null ? position.group(1) : position.group(1) + "/" + position.group(2);
        }
        Matcher edge = EDGE.matcher(pointer);
        return edge.matches() ? "/links/" + edge.group(1) : pointer;
    }

    private static JsonNode orZero(JsonNode n) {
        return n == null ? com.fasterxml.jackson.databind.node.DoubleNode.valueOf(0) : n;
    }
}

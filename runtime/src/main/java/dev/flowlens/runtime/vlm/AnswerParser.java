package dev.flowlens.runtime.vlm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowlens.runtime.value.Detection;
import dev.flowlens.runtime.value.Detections;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what chat models actually write: {@code <think>…</think>} blocks (also when the server's template
 * opened the block and only the closing tag arrives), Markdown code fences around JSON, JSON with prose
 * around it, and GLM grounding boxes {@code <|begin_of_box|>[x1,y1,x2,y2]<|end_of_box|>} on a 0–1000 scale.
 */
public final class AnswerParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern THINK = Pattern.compile("(?is)<think>(.*?)</think>");
    private static final Pattern FENCE = Pattern.compile("(?s)```[a-zA-Z0-9_-]*\\s*\\n?(.*?)```");
    private static final Pattern BOX = Pattern.compile("(?s)<\\|begin_of_box\\|>(.*?)<\\|end_of_box\\|>");
    private static final String NUM = "\\s*(-?\\d+(?:\\.\\d+)?)\\s*";
    private static final Pattern QUAD = Pattern.compile("\\[" + NUM + "," + NUM + "," + NUM + "," + NUM + "\\]");

    private AnswerParser() {
    }

    public static ParsedAnswer parse(String content, String reasoningContent) {
        String body = content == null ? "" : content;
        StringBuilder reasoning = new StringBuilder(reasoningContent == null ? "" : reasoningContent.strip());

        // A template that opens <think> itself leaves only "…reasoning</think>answer" in the content.
        int close = body.toLowerCase().indexOf("</think>");
        int open = body.toLowerCase().indexOf("<think>");
        if (close >= 0 && (open < 0 || open > close)) {
            append(reasoning, body.substring(0, close));
            body = body.substring(close + "</think>".length());
        }
        Matcher think = THINK.matcher(body);
        StringBuilder rest = new StringBuilder();
        while (think.find()) {
            append(reasoning, think.group(1));
            think.appendReplacement(rest, "");
        }
        think.appendTail(rest);
        body = rest.toString();
        // An unclosed <think> means generation stopped while thinking: all of it is reasoning.
        int unclosed = body.toLowerCase().indexOf("<think>");
        if (unclosed >= 0) {
            append(reasoning, body.substring(unclosed + "<think>".length()));
            body = body.substring(0, unclosed);
        }

        List<ParsedAnswer.Box> boxes = new ArrayList<>();
        Matcher box = BOX.matcher(body);
        while (box.find()) {
            Matcher quad = QUAD.matcher(box.group(1));
            while (quad.find()) {
                boxes.add(new ParsedAnswer.Box("object", d(quad, 1), d(quad, 2), d(quad, 3), d(quad, 4)));
            }
        }
        String text = BOX.matcher(body).replaceAll("$1").strip();
        Optional<JsonNode> json = extractJson(text);
        if (boxes.isEmpty() && json.isPresent()) {
            collectLabelledBoxes(json.get(), boxes);
        }
        return new ParsedAnswer(text, reasoning.toString().strip(), json, boxes);
    }

    /**
     * The first JSON value in the text: a fenced block if there is one, else the whole text, else the first
     * object that parses completely from some brace on. Arrays count only when they are the whole text or
     * the whole fence: a bare {@code [x1,y1,x2,y2]} in prose is a box, not the answer.
     */
    public static Optional<JsonNode> extractJson(String text) {
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            Optional<JsonNode> inside = parseExactly(fence.group(1).strip()).or(() -> firstValue(fence.group(1)));
            if (inside.isPresent()) {
                return inside;
            }
        }
        Optional<JsonNode> whole = parseExactly(text.strip());
        if (whole.isPresent()) {
            return whole;
        }
        return firstValue(text);
    }

    private static Optional<JsonNode> firstValue(String text) {
        for (int i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
            Optional<JsonNode> v = parsePrefix(text.substring(i));
            if (v.isPresent() && v.get().isObject()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> parseExactly(String text) {
        if (text.isEmpty() || !(text.startsWith("{") || text.startsWith("["))) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(text));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads one value from the start of the text and ignores whatever prose follows it. */
    private static Optional<JsonNode> parsePrefix(String text) {
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            if (p.nextToken() == null) {
                return Optional.empty();
            }
            JsonNode node = MAPPER.readTree(p);
            return Optional.ofNullable(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** GLM's JSON grounding form: [{"label": "cat", "bbox_2d": [x1, y1, x2, y2]}, …]. */
    private static void collectLabelledBoxes(JsonNode node, List<ParsedAnswer.Box> boxes) {
        if (node.isArray()) {
            node.forEach(n -> collectLabelledBoxes(n, boxes));
        } else if (node.isObject()) {
            JsonNode b = node.has("bbox_2d") ? node.get("bbox_2d") : node.get("bbox");
            if (b != null && b.isArray() && b.size() == 4 && allNumbers(b)) {
                String label = node.path("label").asText("object");
                boxes.add(new ParsedAnswer.Box(label.isBlank() ? "object" : label, b.get(0).asDouble(), b.get(1).asDouble(),
                        b.get(2).asDouble(), b.get(3).asDouble()));
            }
        }
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isNumber()) {
                return false;
            }
        }
        return true;
    }

    /** Boxes on the 0–1000 scale mapped to pixels of an image of the given size, clamped to it. */
    public static Detections toDetections(List<ParsedAnswer.Box> boxes, int width, int height) {
        List<Detection> items = new ArrayList<>();
        for (ParsedAnswer.Box b : boxes) {
            double x1 = scale(Math.min(b.x1(), b.x2()), width);
            double x2 = scale(Math.max(b.x1(), b.x2()), width);
            double y1 = scale(Math.min(b.y1(), b.y2()), height);
            double y2 = scale(Math.max(b.y1(), b.y2()), height);
            items.add(new Detection(b.label(), 1.0, x1, y1, x2 - x1, y2 - y1));
        }
        return new Detections(items, width, height);
    }

    private static double scale(double v, int size) {
        return Math.max(0, Math.min(size, v / 1000.0 * size));
    }

    private static double d(Matcher m, int group) {
        return Double.parseDouble(m.group(group));
    }

    private static void append(StringBuilder sb, String part) {
        String p = part.strip();
        if (!p.isEmpty()) {
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(p);
        }
    }
}

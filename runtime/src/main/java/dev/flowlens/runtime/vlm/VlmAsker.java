package dev.flowlens.runtime.vlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a vision model one question and returns an answer that can be trusted: it picks the structured-output
 * format the endpoint accepts (falling back from {@code json_schema} to {@code json_object} to none when the
 * server refuses, and remembering that per endpoint), validates the JSON against the schema, and makes one
 * repair request that tells the model what was wrong before giving up with the validator's message.
 */
public final class VlmAsker {
    private static final Logger LOG = LoggerFactory.getLogger(VlmAsker.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** How much of a bad answer a failure message quotes, so the user can read what the model said. */
    public static final int RAW_ANSWER_QUOTE = 600;

    private final VlmClient client;

    public VlmAsker(VlmClient client) {
        this.client = client;
    }

    public VlmAnswer ask(VlmQuery q, BooleanSupplier cancelled) throws VlmException {
        return ask(q, cancelled, note -> { });
    }

    /** As {@link #ask(VlmQuery, BooleanSupplier)}, telling {@code runLog} about fallbacks and repairs. */
    public VlmAnswer ask(VlmQuery q, BooleanSupplier cancelled, Consumer<String> runLog) throws VlmException {
        CallOptions options = new CallOptions(q.timeout(), q.maxConcurrent(), cancelled);
        EndpointRegistry.State state = client.registry().state(q.endpoint());
        ArrayNode messages = F.arrayNode();
        if (!q.systemPrompt().isBlank()) {
            messages.addObject().put("role", "system").put("content", q.systemPrompt());
        }
        ObjectNode user = messages.addObject().put("role", "user");
        ArrayNode parts = user.putArray("content");
        ObjectNode imageUrl = parts.addObject().put("type", "image_url").putObject("image_url");
        imageUrl.put("url", q.image().dataUri());
        if (!"auto".equals(q.detail())) {
            imageUrl.put("detail", q.detail());
        }
        parts.addObject().put("type", "text").put("text", q.prompt() + schemaInstruction(q.schema()));

        boolean auto = "auto".equals(q.formatMode());
        ResponseFormat format = q.schema() == null && auto ? ResponseFormat.NONE
                : auto ? state.acceptedFormat().orElse(ResponseFormat.JSON_SCHEMA)
                : ResponseFormat.fromId(q.formatMode());

        ChatResult first = null;
        long latency = 0;
        int requests = 0;
        long promptTokens = 0;
        long completionTokens = 0;
        VlmException refused = null;
        while (first == null) {
            try {
                requests++;
                first = client.chat(q.endpoint(), body(q, messages, format), options);
            } catch (VlmException e) {
                boolean formatRefused = auto && format != ResponseFormat.NONE && e.kind() == VlmException.Kind.CLIENT_ERROR
                        && (e.status() == 400 || e.status() == 422);
                if (!formatRefused) {
                    throw e;
                }
                ResponseFormat next = format.fallback();
                LOG.info("{} refused response_format {} ({}); trying {}", q.endpoint().baseUrl(), format.id(),
                        e.getMessage(), next.id());
                refused = e;
                format = next;
            }
        }
        if (refused != null) {
            // Only a request that then succeeded proves the format was the problem; remember it for this endpoint.
            state.rememberAcceptedFormat(format);
            LOG.info("{} accepts response_format {}; using it for later requests", q.endpoint().baseUrl(), format.id());
            runLog.accept(q.endpoint().baseUrl() + " refused a richer response_format; using " + format.id()
                    + " for this endpoint from now on");
        }
        latency += first.latencyMillis();
        promptTokens += first.promptTokens();
        completionTokens += first.completionTokens();
        ChatResult last = first;
        ParsedAnswer parsed = AnswerParser.parse(first.content(), first.reasoning());

        if (q.schema() != null) {
            List<String> problems = problems(q.schema(), parsed, first);
            if (!problems.isEmpty()) {
                LOG.info("{}: answer does not match the schema ({}); asking once more", q.endpoint().baseUrl(), problems);
                runLog.accept("the answer did not match the response schema (" + String.join("; ", problems)
                        + "); asked the model once more");
                messages.addObject().put("role", "assistant").put("content", first.content());
                messages.addObject().put("role", "user").put("content", repairPrompt(problems));
                requests++;
                last = client.chat(q.endpoint(), body(q, messages, format), options);
                latency += last.latencyMillis();
                promptTokens += last.promptTokens();
                completionTokens += last.completionTokens();
                parsed = AnswerParser.parse(last.content(), last.reasoning());
                List<String> again = problems(q.schema(), parsed, last);
                if (!again.isEmpty()) {
                    throw new VlmException(VlmException.Kind.SCHEMA_MISMATCH, 200,
                            "the answer does not match the response schema, also after a repair request: "
                                    + String.join("; ", again) + ". The model answered: \""
                                    + VlmClient.truncate(last.content().strip(), RAW_ANSWER_QUOTE) + "\"");
                }
            }
        }
        ObjectNode usage = F.objectNode()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens)
                .put("requests", requests);
        return new VlmAnswer(parsed, last.content(), last.model(), usage, latency, requests, format);
    }

    private static List<String> problems(AnswerSchema schema, ParsedAnswer parsed, ChatResult result) {
        Optional<JsonNode> json = parsed.json();
        if (json.isEmpty()) {
            String why = result.truncated()
                    ? "the answer holds no complete JSON value: it was cut off at max tokens (finish_reason=length); "
                            + "raise max tokens or turn thinking off"
                    : parsed.text().isEmpty() ? "the answer is empty" : "the answer holds no JSON value";
            return List.of(why);
        }
        return schema.problems(json.get());
    }

    private static String schemaInstruction(AnswerSchema schema) {
        if (schema == null) {
            return "";
        }
        return "\n\nAnswer with one JSON value that matches this JSON schema, and nothing else:\n" + schema.node();
    }

    private static String repairPrompt(List<String> problems) {
        return "Your answer did not match the JSON schema: " + String.join("; ", problems)
                + ". Answer again with only the corrected JSON, no other text.";
    }

    private static ObjectNode body(VlmQuery q, ArrayNode messages, ResponseFormat format) {
        ObjectNode body = F.objectNode();
        body.put("model", q.model());
        body.set("messages", messages.deepCopy());
        body.put("temperature", q.temperature());
        body.put("max_tokens", q.maxTokens());
        body.put("stream", false);
        if (q.thinking() != null) {
            if (q.endpoint().isZaiHosted()) {
                body.putObject("thinking").put("type", q.thinking() ? "enabled" : "disabled");
            } else if (!q.thinking()) {
                body.putObject("chat_template_kwargs").put("enable_thinking", false);
            }
        }
        if (format == ResponseFormat.JSON_SCHEMA && q.schema() != null) {
            ObjectNode rf = body.putObject("response_format").put("type", "json_schema");
            rf.putObject("json_schema").put("name", "answer").set("schema", q.schema().node());
        } else if (format == ResponseFormat.JSON_OBJECT) {
            body.putObject("response_format").put("type", "json_object");
        }
        return body;
    }
}

package dev.flowlens.runtime.vlm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The usable result of a {@link VlmQuery}: the parsed answer (its JSON validated when a schema was given),
 * the model name the server reported, token usage summed over every request made, total latency, and the
 * response format that was finally used.
 */
public record VlmAnswer(ParsedAnswer parsed, String rawContent, String model, JsonNode usage, long latencyMillis,
                        int requests, ResponseFormat formatUsed) {
}

package dev.flowlens.runtime.vlm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One chat completion as the server sent it: the message content (may hold think tags and box tokens), the
 * separate {@code reasoning_content} if the server split it off, why generation stopped, the model name the
 * server reports, its usage object, and how long and how many tries it took.
 */
public record ChatResult(String content, String reasoning, String finishReason, String model, JsonNode usage,
                         long latencyMillis, int attempts) {

    public long promptTokens() {
        return usage.path("prompt_tokens").asLong(0);
    }

    public long completionTokens() {
        return usage.path("completion_tokens").asLong(0);
    }

    public boolean truncated() {
        return "length".equals(finishReason);
    }
}

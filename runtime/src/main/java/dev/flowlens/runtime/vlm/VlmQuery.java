package dev.flowlens.runtime.vlm;

import java.time.Duration;
import java.util.Objects;

/**
 * One question about one image: where to ask, what to ask, and how. {@code thinking} null leaves the server's
 * default; {@code schema} null asks for free text; {@code formatMode} is "auto", "json_schema", "json_object"
 * or "none"; {@code detail} "auto" sends no detail field.
 */
public record VlmQuery(Endpoint endpoint, String model, String systemPrompt, String prompt,
                       ImageEncoder.EncodedImage image, String detail, double temperature, int maxTokens,
                       Duration timeout, int maxConcurrent, Boolean thinking, AnswerSchema schema, String formatMode) {
    public VlmQuery {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(image, "image");
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        detail = detail == null ? "auto" : detail;
        formatMode = formatMode == null ? "auto" : formatMode;
    }
}

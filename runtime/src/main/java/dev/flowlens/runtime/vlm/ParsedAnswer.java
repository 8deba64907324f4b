package dev.flowlens.runtime.vlm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A model's answer taken apart: the text a person reads (think blocks removed, box markers unwrapped), the
 * reasoning (from {@code reasoning_content} and any think block), the first JSON value found, and the
 * grounding boxes on GLM's 0–1000 scale.
 */
public record ParsedAnswer(String text, String reasoning, Optional<JsonNode> json, List<Box> boxes) {
    public ParsedAnswer {
        boxes = List.copyOf(boxes);
    }

    /** One box as the model wrote it, corners on a 0–1000 scale of the image it saw. */
    public record Box(String label, double x1, double y1, double x2, double y2) {
    }
}

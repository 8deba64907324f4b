package dev.flowlens.runtime.vlm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * "Test connection": lists the server's models ({@code GET /models}) and says, in words, whether the endpoint
 * answers, whether the API key is accepted, and whether the model is served. Used by the app's inspector and
 * by {@code flowlens vlm check}.
 */
public final class VlmConnectionCheck {

    /** Each verdict, the models the server lists, and one line per finding for people. */
    public record Report(boolean endpointReachable, boolean keyAccepted, boolean modelServed, List<String> models,
                         List<String> lines) {
        public Report {
            models = List.copyOf(models);
            lines = List.copyOf(lines);
        }

        public boolean ok() {
            return endpointReachable && keyAccepted && modelServed;
        }
    }

    private final VlmClient client;

    public VlmConnectionCheck(VlmClient client) {
        this.client = client;
    }

    /** {@code model} may be blank to check only the endpoint and key. */
    public Report check(Endpoint endpoint, String model, Duration timeout) {
        List<String> lines = new ArrayList<>();
        JsonNode root;
        try {
            root = client.models(endpoint, CallOptions.of(timeout, 1));
        } catch (VlmException e) {
            return failed(endpoint, e, lines);
        }
        lines.add("endpoint " + endpoint.baseUrl() + " answers");
        lines.add(endpoint.hasApiKey() ? "API key accepted" : "no API key sent, and none needed");
        List<String> models = new ArrayList<>();
        root.path("data").forEach(m -> {
            String id = m.path("id").asText("");
            if (!id.isEmpty()) {
                models.add(id);
            }
        });
        boolean served;
        if (model == null || model.isBlank()) {
            served = true;
            lines.add("models served: " + (models.isEmpty() ? "(none listed)" : String.join(", ", models)));
        } else if (models.contains(model)) {
            served = true;
            lines.add("model " + model + " is served");
        } else {
            served = false;
            lines.add("model " + model + " is NOT served; the server lists: "
                    + (models.isEmpty() ? "(no models)" : String.join(", ", models)));
        }
        return new Report(true, true, served, models, lines);
    }

    private static Report failed(Endpoint endpoint, VlmException e, List<String> lines) {
        int status = e.status();
        if (status == 401 || status == 403) {
            lines.add("endpoint " + endpoint.baseUrl() + " answers");
            lines.add((endpoint.hasApiKey() ? "API key refused: " : "the server needs an API key: ") + e.getMessage());
            return new Report(true, false, false, List.of(), lines);
        }
        if (status == 404) {
            lines.add("endpoint " + endpoint.baseUrl() + " answers, but has no model list at /models: " + e.getMessage());
            return new Report(true, false, false, List.of(), lines);
        }
        if (status > 0) {
            lines.add("endpoint " + endpoint.baseUrl() + " answers, but not as an OpenAI-compatible API: " + e.getMessage());
            return new Report(true, false, false, List.of(), lines);
        }
        lines.add("endpoint " + endpoint.baseUrl() + " does not answer: " + e.getMessage());
        return new Report(false, false, false, List.of(), lines);
    }
}

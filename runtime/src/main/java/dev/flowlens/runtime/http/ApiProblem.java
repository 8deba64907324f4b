package dev.flowlens.runtime.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request the API answers with an error status and a JSON body {@code {"error": message, ...}}. */
final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient ObjectNode body;

    ApiProblem(int status, String message) {
        this(status, JsonNodeFactory.instance.objectNode().put("error", message));
    }

    ApiProblem(int status, ObjectNode body) {
        super(body.path("error").asText(), null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body;
    }
}

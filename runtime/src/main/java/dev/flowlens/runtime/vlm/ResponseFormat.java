package dev.flowlens.runtime.vlm;

/**
 * How a request asks for structured output. Servers differ: vLLM and OpenAI take {@code json_schema}, Z.ai
 * takes {@code json_object}, some take neither. {@link #fallback()} is the next thing to try when a server
 * refuses one.
 */
public enum ResponseFormat {
    JSON_SCHEMA("json_schema"),
    JSON_OBJECT("json_object"),
    NONE("none");

    private final String id;

    ResponseFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public ResponseFormat fallback() {
        return this == JSON_SCHEMA ? JSON_OBJECT : NONE;
    }

    public static ResponseFormat fromId(String id) {
        for (ResponseFormat f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("response format must be json_schema, json_object or none, got \"" + id + "\"");
    }
}

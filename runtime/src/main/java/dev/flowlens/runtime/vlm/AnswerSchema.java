package dev.flowlens.runtime.vlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A response schema compiled once and checked with networknt's validator (draft 2020-12 unless the schema
 * names another dialect). Problems come back as the validator's messages with the place in the answer.
 */
public final class AnswerSchema {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, AnswerSchema> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 256;

    private final JsonNode node;
    private final Schema schema;

    private AnswerSchema(JsonNode node, Schema schema) {
        this.node = node;
        this.schema = schema;
    }

    /** Compiles (or takes from the cache) a schema; throws with the validator's words when it is not one. */
    public static AnswerSchema of(JsonNode schemaNode) {
        String key = schemaNode.toString();
        AnswerSchema cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        if (!schemaNode.isObject() && !schemaNode.isBoolean()) {
            throw new IllegalArgumentException("a JSON schema must be an object, got " + schemaNode.getNodeType());
        }
        AnswerSchema compiled;
        try {
            Schema schema = REGISTRY.getSchema(schemaNode.deepCopy());
            schema.initializeValidators();
            compiled = new AnswerSchema(schemaNode.deepCopy(), schema);
        } catch (SchemaException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("is not a usable JSON schema: " + e.getMessage(), e);
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(key, compiled);
        return compiled;
    }

    public JsonNode node() {
        return node.deepCopy();
    }

    /** What is wrong with the value; empty when it matches. */
    public List<String> problems(JsonNode value) {
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(value)) {
            String where = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
            String message = e.getMessage();
            out.add(where.isEmpty() || message.startsWith(where) ? message : where + ": " + message);
        }
        return out;
    }
}

package dev.flowlens.core.json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Rewrites a workflow document from one format version to the next, on the JSON tree. */
interface Migration {
    int fromVersion();

    /** Returns the document in version {@code fromVersion() + 1}; may change {@code doc} in place. */
    ObjectNode migrate(ObjectNode doc);
}

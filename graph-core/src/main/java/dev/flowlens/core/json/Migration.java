package dev.flowlens.core.json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Rewrites a workflow document from one format version to the next, on the JSON tree. */
interface Migration {
    int fromVersion();

    /** Returns the document in version {@code fromVersion() + 1}; may change {@code doc} in place. */
    ObjectNode migrate(ObjectNode doc);

    /**
     * Where the value at {@code pointer} of the migrated document came from in the document as written, so a
     * problem in an old file can still be shown at its line; the pointer itself when the migration kept it.
     */
    default String pointerBefore(String pointer) {
        return pointer;
    }
}

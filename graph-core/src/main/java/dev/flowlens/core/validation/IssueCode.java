package dev.flowlens.core.validation;

import java.util.Locale;

/** Why a workflow, node, port or parameter is not right. The id is what files, the API and tests use. */
public enum IssueCode {
    UNKNOWN_NODE_TYPE,
    DUPLICATE_NODE_ID,
    DANGLING_EDGE,
    UNKNOWN_PORT,
    REQUIRED_INPUT_MISSING,
    TYPE_MISMATCH,
    MULTIPLE_EDGES_INTO_INPUT,
    CYCLE,
    REQUIRED_PARAM_MISSING,
    WRONG_VALUE_TYPE,
    VALUE_OUT_OF_RANGE,
    VALUE_NOT_IN_CHOICES,
    PATTERN_MISMATCH,
    SECRET_NOT_A_REFERENCE,
    UNKNOWN_PARAM,
    BAD_OVERRIDE;

    /** "required_input_missing". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

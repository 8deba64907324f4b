package dev.flowlens.core.spec;

import dev.flowlens.core.validation.IssueCode;
import java.util.Objects;

/** What is wrong with one parameter value: a code and the part of the message after the parameter's name. */
public record ParamProblem(IssueCode code, String detail) {
    public ParamProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }
}

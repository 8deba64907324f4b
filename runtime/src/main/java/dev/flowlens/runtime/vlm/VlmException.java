package dev.flowlens.runtime.vlm;

/**
 * A request to a model server that did not give a usable answer. The message is written for the user (what
 * happened, what the server said, what to try) and never holds the API key.
 */
public final class VlmException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so callers can decide on fallbacks. */
    public enum Kind {
        /** The server could not be reached or dropped the connection, after the retries. */
        CONNECTION,
        /** No answer within the timeout. */
        TIMEOUT,
        /** HTTP 429 after the retries. */
        RATE_LIMITED,
        /** HTTP 5xx after the retries. */
        SERVER_ERROR,
        /** HTTP 4xx other than 429: the request itself was refused; not retried. */
        CLIENT_ERROR,
        /** HTTP 200 but no chat completion: empty, not JSON, an HTML page, too large. */
        BAD_ANSWER,
        /** The answer did not hold JSON matching the response schema, even after the repair retry. */
        SCHEMA_MISMATCH
    }

    private final Kind kind;
    private final int status;

    public VlmException(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when none came. */
    public int status() {
        return status;
    }
}

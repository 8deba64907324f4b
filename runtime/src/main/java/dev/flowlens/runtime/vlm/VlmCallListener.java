package dev.flowlens.runtime.vlm;

/**
 * Told about every chat completion any {@link VlmClient} in the process makes, for metrics. Called on the calling
 * node's thread: keep it quick and do not throw. {@code endpoint} is the base URL, never the key.
 */
public interface VlmCallListener {
    /** A completion arrived after {@code result.attempts()} tries. */
    void chatSucceeded(String endpoint, ChatResult result);

    /** Every try failed (or the answer was not a chat completion). */
    void chatFailed(String endpoint, VlmException failure, long latencyMillis);
}

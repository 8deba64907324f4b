package dev.flowlens.runtime.inference;

/**
 * Told about every model inference in the process, for metrics. Called on the node's thread after the
 * inference returned: keep it quick and do not throw. {@code modelId} is the cache's id ("pp-ocrv4/det.onnx"),
 * {@code device} the short device name ("cpu", "gpu0") that actually ran it.
 */
@FunctionalInterface
public interface InferenceListener {
    void inferred(String modelId, String device, long nanos);
}

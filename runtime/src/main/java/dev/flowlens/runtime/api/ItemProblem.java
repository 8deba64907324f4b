package dev.flowlens.runtime.api;

/** One element of a batch that failed: which item (an image's file name), at which node, and why. */
public record ItemProblem(String item, String node, String message) {
}

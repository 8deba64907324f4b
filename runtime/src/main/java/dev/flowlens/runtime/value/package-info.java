/**
 * The Java values that flow along wires for the port types: images, tables, classifications, detections,
 * and the {@code ItemError} that marks a failed element in a list.
 */
package dev.flowlens.runtime.value;

/**
 * The core node library: one small final class per node type in a package per category, each category
 * registered by its {@link dev.flowlens.runtime.node.NodeProvider}. This package holds what several
 * categories share (value conversions, messages, file fingerprints).
 */
package dev.flowlens.runtime.nodes;

/**
 * What a node type declares without running: its spec, typed input and output ports, the sealed set of
 * parameter kinds with their checks and parsers, and the catalog of node types.
 */
package dev.flowlens.core.spec;

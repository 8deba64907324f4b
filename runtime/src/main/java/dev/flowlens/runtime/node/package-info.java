/**
 * The node SPI: what a node type implements ({@code NodeType}, registered by a {@code NodeProvider}) and
 * what the executor hands it (inputs, parameters, a context). Nothing here knows the executor or a concrete type.
 */
package dev.flowlens.runtime.node;

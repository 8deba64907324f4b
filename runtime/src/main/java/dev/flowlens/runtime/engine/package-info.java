/**
 * The engine behind {@link dev.flowlens.runtime.api.FlowLens}: the node registry, the executor (validation,
 * ready-set scheduling, per-element fan-out, cancellation, events) and the output cache. Nothing here knows a
 * concrete node type; everything works from specs.
 */
package dev.flowlens.runtime.engine;

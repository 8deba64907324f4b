/** Nodes that measure a workflow's answers against labels people made. */
package dev.flowlens.runtime.nodes.eval;

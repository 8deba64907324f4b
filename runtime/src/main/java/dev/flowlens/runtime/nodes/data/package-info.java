/** Nodes that shape text, JSON and tables: templates, parsing, extraction, rows, filters, columns. */
package dev.flowlens.runtime.nodes.data;

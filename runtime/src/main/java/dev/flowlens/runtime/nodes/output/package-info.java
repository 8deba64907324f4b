/** Nodes that write results (CSV, JSON, sorted copies of files) or hold them for the UI to show. */
package dev.flowlens.runtime.nodes.output;

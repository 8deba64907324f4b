/** The canvas: its view model (workflow, selection, undo/redo of edits) and the views of nodes and wires. */
package dev.flowlens.app.canvas;

/** Nodes that bring data into a workflow: an image file, a folder of images, a table file. */
package dev.flowlens.runtime.nodes.input;

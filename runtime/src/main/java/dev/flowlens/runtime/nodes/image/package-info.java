/** Nodes that check, transform, measure and encode images. Each makes a new image; inputs are never changed. */
package dev.flowlens.runtime.nodes.image;

/** Nodes that ask vision-language models over OpenAI-compatible endpoints. */
package dev.flowlens.runtime.nodes.vlm;

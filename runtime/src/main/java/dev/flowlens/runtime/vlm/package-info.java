/**
 * The client for vision-language models behind OpenAI-compatible chat-completions endpoints (vLLM, SGLang,
 * Ollama, LM Studio, llama.cpp server, Z.ai's API): request building, image encoding, retries, per-endpoint
 * concurrency, answer parsing (think tags, code fences, GLM box tokens) and JSON-schema validation. Nodes
 * and the CLI use it; it knows nothing about workflows.
 */
package dev.flowlens.runtime.vlm;

/**
 * DJL inference plumbing shared by every model node: where engines unpack their natives (under the data
 * folder, offline), which device a node runs on (auto, cpu, gpuN, with a clean CPU fallback), and a
 * process-wide cache of loaded models keyed by model id, engine and device, with predictors per worker.
 */
package dev.flowlens.runtime.inference;

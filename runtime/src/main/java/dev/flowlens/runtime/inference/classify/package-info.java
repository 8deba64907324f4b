/** Image classification with any classifier from the model store: TorchScript, ONNX, or DJL weights + a known architecture. */
package dev.flowlens.runtime.inference.classify;

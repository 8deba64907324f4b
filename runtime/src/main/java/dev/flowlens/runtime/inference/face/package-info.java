/** MediaPipe BlazeFace on DJL's OnnxRuntime engine: letterboxed NHWC input, anchor decoding, weighted NMS. */
package dev.flowlens.runtime.inference.face;

/**
 * PP-OCRv4 (PaddleOCR) on DJL's OnnxRuntime engine: our own pre- and post-processing (resize and normalise
 * in BGR, DB text-box extraction from the probability map, angle classification, CTC decoding with blank
 * and space), because DJL's PaddleOCR translators do not fit the v4 models (see DESIGN.md).
 */
package dev.flowlens.runtime.inference.ocr;

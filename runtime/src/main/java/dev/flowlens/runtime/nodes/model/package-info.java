/**
 * Model nodes (OCR, face detection, classification) and the helpers that make detections useful (draw,
 * crop, redact). Models come from the {@link dev.flowlens.runtime.models.ModelStore}; engines and devices
 * from {@link dev.flowlens.runtime.inference}.
 */
package dev.flowlens.runtime.nodes.model;

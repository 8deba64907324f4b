/**
 * Object detection with any detector from the model store whose outputs follow a declared format (YOLO or
 * SSD style): letterbox or stretch to the model's input, decode boxes, class-aware non-maximum suppression.
 */
package dev.flowlens.runtime.inference.detect;

package dev.flowlens.runtime.inference.ocr;

/** One read line: its text, the recogniser's confidence (0..1), where it is, and whether it was upside down. */
public record OcrLine(String text, double confidence, TextBox box, boolean upsideDown) {
}

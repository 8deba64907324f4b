package dev.flowlens.runtime.inference.ocr;

import java.util.List;

/** What OCR read in one image, lines in reading order, and how long each stage took. */
public record OcrResult(List<OcrLine> lines, String device, long detectMillis, long classifyMillis,
                        long recognizeMillis) {
    public OcrResult {
        lines = List.copyOf(lines);
    }

    /** The lines joined with newlines (lines on one row with spaces). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        OcrLine previous = null;
        for (OcrLine l : lines) {
            if (previous != null) {
                sb.append(PaddleOcr.sameRow(previous.box(), l.box()) ? " " : "\n");
            }
            sb.append(l.text());
            previous = l;
        }
        return sb.toString();
    }
}

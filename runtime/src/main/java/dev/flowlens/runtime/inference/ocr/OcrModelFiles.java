package dev.flowlens.runtime.inference.ocr;

import java.nio.file.Path;
import java.util.Objects;

/** The four files of a PaddleOCR model set: detector, angle classifier, recogniser and its key file. */
public record OcrModelFiles(String modelId, Path detector, Path classifier, Path recognizer, Path keys) {
    public OcrModelFiles {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(recognizer, "recognizer");
        Objects.requireNonNull(keys, "keys");
    }
}

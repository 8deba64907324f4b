package dev.flowlens.runtime.io;

import java.nio.file.Path;

/** Run in a child JVM with a small heap by {@link ImageFilesTest}: decodes one file and says how it went. */
public final class DecodeInSmallHeap {
    private DecodeInSmallHeap() {
    }

    public static void main(String[] args) {
        try {
            LoadedImage image = ImageFiles.read(Path.of(args[0]), ImageLimits.DEFAULT);
            System.out.println("decoded " + image.width() + "x" + image.height());
        } catch (FileProblem e) {
            System.out.println("problem: " + e.getMessage());
        }
    }
}

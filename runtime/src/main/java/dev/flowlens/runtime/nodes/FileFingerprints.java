package dev.flowlens.runtime.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Fingerprints of files for the executor's cache: path, size and modification time change when a file does. */
public final class FileFingerprints {
    private FileFingerprints() {
    }

    /** "path|size|mtime", or "path|missing" so a file appearing later changes the key too. */
    public static String of(Path file) {
        Path p = file.toAbsolutePath().normalize();
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return p + "|" + a.size() + "|" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return p + "|missing";
        }
    }
}

package dev.flowlens.runtime.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Fingerprints of files for the executor's cache: path, size and modification time change when a file does. */
public final class FileFingerprints {
    private FileFingerprints() {
    }

    /** A SHA-256 of many files' fingerprints (a folder listing), short enough for a cache key. */
    public static String ofAll(Iterable<Path> files, String extra) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                sha.update(of(f).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            sha.update(extra.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
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

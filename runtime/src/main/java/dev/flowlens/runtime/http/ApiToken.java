package dev.flowlens.runtime.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The API's bearer token: 32 random bytes, created at first start in {@code <data>/api-token} readable by the
 * owner only (mode 600), and read back on later starts so scripts keep working across restarts.
 */
final class ApiToken {
    static final String FILE_NAME = "api-token";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final byte[] expected;
    private final Path file;

    private ApiToken(String token, Path file) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.file = file;
    }

    /** Reads {@code <dataFolder>/api-token}, creating it (and the folder) first when it does not exist. */
    static ApiToken loadOrCreate(Path dataFolder) throws IOException {
        Files.createDirectories(dataFolder);
        Path file = dataFolder.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            // The temp file is created with mode 600, so the token is never readable by others, not even briefly.
            Path tmp = posix() ? Files.createTempFile(dataFolder, ".api-token", ".tmp", ownerOnly())
                    : Files.createTempFile(dataFolder, ".api-token", ".tmp");
            Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.deleteIfExists(tmp);
                if (!Files.exists(file)) {
                    throw e;
                }
                // Another process created it at the same moment: use theirs.
            }
        }
        if (posix()) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.length() < 16) {
            throw new IOException(file + " holds no usable token (at least 16 characters); delete it to make a new one");
        }
        return new ApiToken(token, file);
    }

    /** Whether an {@code Authorization} header carries the token; compared in constant time. */
    boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, authorization.strip().getBytes(StandardCharsets.UTF_8));
    }

    Path file() {
        return file;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}

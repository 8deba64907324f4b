package dev.flowlens.runtime.models;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;

/** A model in the store: its folder and manifest. */
public record InstalledModel(Path folder, ModelManifest manifest) {

    public String name() {
        return manifest.name();
    }

    /**
     * One SHA-256 for the whole model: over its files' SHA-256s as the manifest lists them, so it changes when
     * any file does. The audit trail and report rows name a model by it.
     */
    public String checksum() {
        String hashes = manifest.files().stream().map(ModelFile::sha256).collect(Collectors.joining("\n"));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(hashes.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The file with that role, resolved in the model's folder. */
    public Optional<Path> file(String role) {
        return manifest.file(role).map(f -> folder.resolve(f.path()));
    }

    /** The file with that role; a {@link ModelStoreException} naming the model and the roles it has otherwise. */
    public Path requireFile(String role) throws ModelStoreException {
        return file(role).orElseThrow(() -> new ModelStoreException("model " + name() + " has no \"" + role
                + "\" file; it has " + manifest.files().stream().map(ModelFile::role).toList()));
    }
}

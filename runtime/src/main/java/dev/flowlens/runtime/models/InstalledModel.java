package dev.flowlens.runtime.models;

import java.nio.file.Path;
import java.util.Optional;

/** A model in the store: its folder and manifest. */
public record InstalledModel(Path folder, ModelManifest manifest) {

    public String name() {
        return manifest.name();
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

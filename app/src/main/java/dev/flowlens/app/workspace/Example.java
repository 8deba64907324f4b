package dev.flowlens.app.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A bundled example: {@code examples/<name>/workflow.json}. */
public record Example(String name, Path file) {

    /** The examples under a folder, by name; none when the folder is missing. */
    public static List<Example> list(Path examplesFolder) {
        if (!Files.isDirectory(examplesFolder)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(examplesFolder)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("workflow.json")))
                    .map(d -> new Example(d.getFileName().toString(), d.resolve("workflow.json")))
                    .sorted(Comparator.comparing(Example::name))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** "product-listings" reads as "Product listings" in the menu. */
    public String title() {
        String words = name.replace('-', ' ').replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

package dev.flowlens.runtime.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.json.WorkflowFormatException;
import dev.flowlens.core.model.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The saved workflows under the workflows root: {@code *.json} files, named by their path relative to the root
 * without the extension ({@code listings/product-listing}). A name never leaves the root.
 */
final class WorkflowLibrary {
    private static final int MAX_DEPTH = 4;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_. -]*(/[A-Za-z0-9_][A-Za-z0-9_. -]*){0,3}");

    private final Path root;

    WorkflowLibrary(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** Every saved workflow: name, file, title, description and node count, or the reason it cannot be read. */
    ArrayNode list() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (!Files.isDirectory(root)) {
            return out;
        }
        for (Path file : files()) {
            ObjectNode o = out.addObject();
            o.put("name", nameOf(file));
            o.put("file", root.relativize(file).toString().replace('\\', '/'));
            try {
                Workflow w = WorkflowCodec.read(file);
                o.put("title", w.name());
                o.put("description", w.description());
                o.put("nodes", w.nodes().size());
            } catch (WorkflowFormatException e) {
                o.put("error", e.getMessage());
            } catch (IOException e) {
                o.put("error", "cannot be read: " + e.getMessage());
            }
        }
        return out;
    }

    /** The file of a saved workflow, by name (with or without {@code .json}); 404 when there is none. */
    Path resolve(String name) {
        String n = name.strip();
        if (n.endsWith(".json")) {
            n = n.substring(0, n.length() - 5);
        }
        if (!NAME.matcher(n).matches() || n.contains("..")) {
            throw new ApiProblem(400, "workflow name must be a saved workflow's name as GET /api/workflows lists it, got \""
                    + abbreviate(name) + "\"");
        }
        Path file = root.resolve(n + ".json").normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw new ApiProblem(404, "no saved workflow \"" + n + "\" under the workflows root");
        }
        return file;
    }

    private List<Path> files() {
        try (Stream<Path> s = Files.walk(root, MAX_DEPTH)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .filter(p -> NAME.matcher(nameOf(p)).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String nameOf(Path file) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        return rel.substring(0, rel.length() - ".json".length());
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}

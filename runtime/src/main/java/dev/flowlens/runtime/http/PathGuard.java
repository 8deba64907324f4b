package dev.flowlens.runtime.http;

import dev.flowlens.core.model.NodeInstance;
import dev.flowlens.core.model.ParamValue;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.core.spec.NodeSpec;
import dev.flowlens.core.spec.ParamSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a run's file parameters inside the configured roots when the API is reachable from other machines:
 * paths a node reads ({@code mustExist}) must lie under an input root, paths it writes under the run's own
 * output folder. Paths resolve the way the executor resolves them: absolute as given, {@code ~/} from the home
 * folder, anything else from the workflow's folder (inputs) or the run folder (outputs). Existing paths are
 * compared after following links, so a link inside a root cannot point out of it.
 */
final class PathGuard {
    private final List<Path> inputRoots;

    PathGuard(List<Path> inputRoots) {
        this.inputRoots = inputRoots.stream().map(PathGuard::real).toList();
    }

    /** A file parameter that points outside its root. */
    record Problem(String node, String field, String message) {
    }

    /** One problem per parameter that points outside its root; empty when every path is allowed. */
    List<Problem> check(Workflow workflow, NodeCatalog catalog, Path inputBase, Path runFolder) {
        List<Problem> problems = new ArrayList<>();
        Path outputRoot = real(runFolder);
        for (NodeInstance node : workflow.nodes()) {
            Optional<NodeSpec> spec = catalog.find(node.type());
            if (spec.isEmpty()) {
                continue;
            }
            for (ParamSpec p : spec.get().params()) {
                if (!(p instanceof ParamSpec.PathParam pathParam)) {
                    continue;
                }
                Optional<ParamValue> value = Optional.ofNullable(node.params().get(p.name())).or(p::defaultValue);
                if (value.isEmpty() || !(value.get() instanceof ParamValue.Text text) || text.value().isBlank()) {
                    continue;
                }
                String where = spec.get().displayName() + " (node " + node.id() + "): " + p.name();
                Path resolved;
                try {
                    resolved = real(resolve(pathParam.mustExist() ? inputBase : runFolder, text.value()));
                } catch (InvalidPathException e) {
                    problems.add(new Problem(node.id().value(), p.name(), where + " is not a valid path"));
                    continue;
                }
                if (pathParam.mustExist()) {
                    if (inputRoots.stream().noneMatch(resolved::startsWith)) {
                        problems.add(new Problem(node.id().value(), p.name(), where + " must lie inside "
                                + describe(inputRoots) + " on this server, got " + text.value()));
                    }
                } else if (!resolved.startsWith(outputRoot)) {
                    problems.add(new Problem(node.id().value(), p.name(), where + " must lie inside the run's output "
                            + "folder on this server (use a relative path), got " + text.value()));
                }
            }
        }
        return problems;
    }

    private static String describe(List<Path> roots) {
        return roots.size() == 1 ? roots.get(0).toString() : "one of " + roots;
    }

    /** As the executor resolves: absolute stays, {@code ~/} is the home folder, the rest is relative to {@code base}. */
    static Path resolve(Path base, String path) {
        String p = path.strip();
        if (p.equals("~") || p.startsWith("~/")) {
            return Path.of(System.getProperty("user.home", "."), p.length() <= 2 ? "" : p.substring(2)).normalize();
        }
        Path given = Path.of(p);
        return given.isAbsolute() ? given.normalize() : base.resolve(given).toAbsolutePath().normalize();
    }

    /** The path with links followed as far as it exists; the missing rest is appended as written. */
    static Path real(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }
}

package dev.flowlens.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.engine.DefaultNodeRegistry;
import dev.flowlens.runtime.testnodes.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path roots of an off-loopback server, including links that point out of a root. */
class ApiPathGuardTest {
    @TempDir
    Path tmp;

    final DefaultNodeRegistry catalog = DefaultNodeRegistry.load();

    private List<PathGuard.Problem> check(Path root, String folder, String output) {
        Workflow w = Graph.named("w").node("load", "test.needs_folder", "folder", folder)
                .node("a", "test.const").node("out", "test.write_text", "path", output).wire("a.value", "out.value").build();
        return new PathGuard(List.of(root)).check(w, catalog, root, tmp.resolve("runs/r1"));
    }

    @Test
    void relativeAndInsidePathsPass() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("inputs/photos"));
        assertThat(check(root.getParent(), "photos", "reports/out.csv")).isEmpty();
        assertThat(check(root.getParent(), root.toString(), "out.txt")).isEmpty();
    }

    @Test
    void pathsOutsideTheRootsAreNamedByNodeAndField() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("inputs"));
        List<PathGuard.Problem> problems = check(root, "../elsewhere", "/tmp/out.txt");
        assertThat(problems).extracting(PathGuard.Problem::node).containsExactly("load", "out");
        assertThat(problems).extracting(PathGuard.Problem::field).containsExactly("folder", "path");
        assertThat(problems.get(0).message()).startsWith("Load folder (node load): folder must lie inside " + root);
        assertThat(check(root, "~/", "out.txt")).hasSize(1);
    }

    @Test
    void aLinkInsideTheRootThatPointsOutIsRefused() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("inputs"));
        Path outside = Files.createDirectories(tmp.resolve("private"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        assertThat(check(root, "escape", "out.txt")).hasSize(1);
        Files.createDirectories(tmp.resolve("runs/r1"));
        Files.createSymbolicLink(tmp.resolve("runs/r1/sub"), outside);
        assertThat(check(root, ".", "sub/out.txt")).extracting(PathGuard.Problem::node).containsExactly("out");
    }
}

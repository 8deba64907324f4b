package dev.flowlens.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flowlens.runtime.testnodes.Graph;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/api-client.sh against a real server: set the image and the prompt, submit, wait, print the answer. */
class ApiClientScriptTest {
    static final Path SCRIPT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .resolveSibling("examples").resolve("api-client.sh");

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolsPresent() {
        for (String tool : new String[] {"bash", "curl", "jq"}) {
            assumeTrue(onPath(tool), tool + " is not installed");
        }
        assertThat(SCRIPT).exists();
    }

    record Result(int code, String out, String err) {
    }

    @Test
    void scriptSubmitsWithImageAndPromptAndPrintsTheAnswer() throws Exception {
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults())) {
            api.save("caption", Graph.named("Caption")
                    .node("ask", "test.describe_image", "path", "missing.png", "prompt", "unset")
                    .node("w", "test.write_text", "path", "answer.txt")
                    .wire("ask.answer", "w.value").build());
            Path image = api.workflows.resolve("photo.png");
            ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", image.toFile());

            Result r = run(api, Map.of("IMAGE_PARAM", "ask.path", "PROMPT_PARAM", "ask.prompt"),
                    "caption", image.toString(), "Describe it:");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("== answer.txt").contains("Describe it: photo.png is a 64x48 image");
            assertThat(r.err()).containsPattern("run \\S+ succeeded");
        }
    }

    @Test
    void scriptExplainsARefusedRunAndAFailedOne() throws Exception {
        try (ApiFixture api = ApiFixture.start(tmp, ApiLimits.defaults())) {
            api.save("caption", Graph.named("Caption")
                    .node("ask", "test.describe_image", "path", "missing.png").build());

            Result unknown = run(api, Map.of(), "nope", "/x.png", "hi");
            assertThat(unknown.code()).isEqualTo(2);
            assertThat(unknown.err()).contains("no saved workflow \"nope\"").contains("caption");

            Result badParam = run(api, Map.of(), "caption", "/x.png", "hi");
            assertThat(badParam.code()).isEqualTo(2);
            assertThat(badParam.err()).contains("refused (400)").contains("there is no node \"load\"");

            Result failed = run(api, Map.of("IMAGE_PARAM", "ask.path", "PROMPT_PARAM", "ask.prompt"), "caption",
                    tmp.resolve("absent.png").toString(), "hi");
            assertThat(failed.code()).isEqualTo(1);
            assertThat(failed.err()).contains("ask failed").contains("absent.png");
        }
    }

    private static Result run(ApiFixture api, Map<String, String> env, String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("FLOWLENS_URL", api.server.baseUri().toString());
        pb.environment().put("FLOWLENS_TOKEN_FILE", api.server.tokenFile().toString());
        pb.environment().remove("FLOWLENS_TOKEN");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(api.workflows.getParent(), "out", ".txt");
        Path err = Files.createTempFile(api.workflows.getParent(), "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}

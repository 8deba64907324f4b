package dev.flowlens.runtime.cli;

import dev.flowlens.runtime.vlm.Endpoint;
import dev.flowlens.runtime.vlm.VlmClient;
import dev.flowlens.runtime.vlm.VlmConnectionCheck;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowlens vlm check --endpoint URL [--model NAME] [--api-key-env VAR]}: tests a vision-model endpoint
 * the way the inspector's "Test connection" does. Exit code 0 when endpoint, key and model all work, 1 when
 * something does not, 2 when the named environment variable is not set.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks that an OpenAI-compatible endpoint answers, accepts the API key and serves the model.")
public final class VlmCheckCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoint", required = true, description = "Base URL, e.g. http://localhost:8000/v1")
    String endpoint;

    @Option(names = "--model", defaultValue = "", description = "Model name to look for, e.g. glm-4.6v-flash")
    String model;

    @Option(names = "--api-key-env", description = "Environment variable holding the API key (never the key itself)")
    String apiKeyEnv;

    @Option(names = "--timeout", defaultValue = "15", description = "Seconds to wait for the server (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    private final UnaryOperator<String> environment;
    private final VlmClient client;

    public VlmCheckCommand() {
        this(System::getenv, VlmClient.shared());
    }

    /** With a given environment and client, for tests. */
    public VlmCheckCommand(UnaryOperator<String> environment, VlmClient client) {
        this.environment = environment;
        this.client = client;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String key = null;
        if (apiKeyEnv != null && !apiKeyEnv.isBlank()) {
            key = environment.apply(apiKeyEnv);
            if (key == null || key.isBlank()) {
                err.println("environment variable " + apiKeyEnv + " is not set; export it with the API key first");
                err.flush();
                return 2;
            }
        }
        Endpoint ep;
        try {
            ep = Endpoint.of(endpoint, key);
        } catch (IllegalArgumentException e) {
            err.println("--endpoint " + e.getMessage());
            err.flush();
            return 2;
        }
        VlmConnectionCheck.Report report = new VlmConnectionCheck(client)
                .check(ep, model, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
        out.println((report.endpointReachable() ? "ok    " : "FAIL  ") + "endpoint");
        out.println((report.keyAccepted() ? "ok    " : report.endpointReachable() ? "FAIL  " : "?     ") + "API key");
        out.println((report.modelServed() ? "ok    " : report.keyAccepted() ? "FAIL  " : "?     ") + "model");
        report.lines().forEach(line -> out.println("  " + line));
        out.println(report.ok() ? "The endpoint works." : "The endpoint does not work yet; see above.");
        out.flush();
        return report.ok() ? 0 : 1;
    }
}

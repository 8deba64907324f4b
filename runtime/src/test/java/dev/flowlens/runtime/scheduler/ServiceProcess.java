package dev.flowlens.runtime.scheduler;

import dev.flowlens.runtime.cli.CliContext;
import dev.flowlens.runtime.cli.FlowLensCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code flowlens service} (through the CLI's root command) in its own JVM (the test class path, so the executor's test nodes are there),
 * for tests that need a second process, a SIGTERM or a kill -9.
 */
final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final String banner;
    private final String apiLine;

    private ServiceProcess(Process process, String banner, String apiLine) {
        this.process = process;
        this.banner = banner;
        this.apiLine = apiLine;
    }

    /** Entry point of the child JVM. */
    public static void main(String[] args) {
        // A free port for the HTTP API, so several services can run side by side in tests.
        String[] line = new String[args.length + 3];
        line[0] = "service";
        line[1] = "--port";
        line[2] = "0";
        System.arraycopy(args, 0, line, 3, args.length);
        CliContext console = CliContext.system();
        int code = FlowLensCli.execute(console, line);
        console.out().flush();
        System.exit(code);
    }

    /** Starts {@code flowlens service ARGS} and returns once it says it is running. */
    static ServiceProcess start(Path logFile, String... args) throws IOException {
        return start(logFile, List.of("-Xmx256m", "-XX:+UseSerialGC"), args);
    }

    static ServiceProcess start(Path logFile, List<String> jvmArgs, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ServiceProcess.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(logFile.toFile());
        pb.environment().put("FLOWLENS_LOG_LEVEL", "INFO");
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("FlowLens scheduler service")) {
            p.destroyForcibly();
            throw new IllegalStateException("service did not start; said " + line + "; see " + logFile);
        }
        String api = out.readLine();
        if (api == null || !api.startsWith("HTTP API on ")) {
            p.destroyForcibly();
            throw new IllegalStateException("service did not announce its HTTP API; said " + api + "; see " + logFile);
        }
        return new ServiceProcess(p, line, api);
    }

    /** The API's base address, from the service's second line ("HTTP API on http://127.0.0.1:PORT (token in …)"). */
    java.net.URI apiUri() {
        String rest = apiLine.substring("HTTP API on ".length());
        return java.net.URI.create(rest.substring(0, rest.indexOf(' ')));
    }

    long pid() {
        return process.pid();
    }

    String banner() {
        return banner;
    }

    /** SIGTERM, as a service manager stops it. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook, no cleanup. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    boolean waitForExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

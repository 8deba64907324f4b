package dev.flowlens.runtime.scheduler;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests: Debian's binaries ({@code apt-get install postgresql}), a fresh
 * cluster in a temp folder, listening on 127.0.0.1 on a free port with trust auth. Postgres refuses to run as
 * root, so as root it runs as the {@code postgres} user.
 */
final class PostgresServer implements AutoCloseable {
    private final Path bin;
    private final Path home;
    private final int port;

    private PostgresServer(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.port = port;
    }

    /** The server binaries, if PostgreSQL is installed here. */
    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static PostgresServer start(Path bin) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("flowlens-pg");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresServer pg = new PostgresServer(bin, home, port);
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres", home.toString()), false);
        }
        pg.pg(List.of(bin.resolve("initdb").toString(), "-D", home.resolve("db").toString(), "-U", "flowlens",
                "--auth=trust", "-E", "UTF8"));
        pg.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", home.resolve("db").toString(), "-l",
                home.resolve("server.log").toString(), "-w", "-o",
                "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60",
                "start"));
        return pg;
    }

    /** A new, empty database on this server; its JDBC URL. */
    String newDatabase(String name) throws IOException, InterruptedException {
        pg(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
                "flowlens", name));
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=flowlens";
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (isRoot()) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        run(cmd, true);
    }

    private static void run(List<String> cmd, boolean quiet) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", home.resolve("db").toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            try (Stream<Path> all = Files.walk(home)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

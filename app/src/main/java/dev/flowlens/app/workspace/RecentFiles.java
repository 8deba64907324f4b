package dev.flowlens.app.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The most recently opened or saved workflow files, newest first, kept in a small text file. */
public final class RecentFiles {
    public static final int MAX = 10;
    private static final Logger LOG = LoggerFactory.getLogger(RecentFiles.class);

    private final Path store;
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    private final ObservableList<Path> readOnly = FXCollections.unmodifiableObservableList(files);

    public RecentFiles(Path store) {
        this.store = store;
        if (Files.isRegularFile(store)) {
            try {
                for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && files.size() < MAX) {
                        files.add(Path.of(line.strip()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not read the recent files list {}: {}", store, e.getMessage());
            }
        }
    }

    public ObservableList<Path> files() {
        return readOnly;
    }

    public void add(Path file) {
        Path p = file.toAbsolutePath().normalize();
        List<Path> next = new ArrayList<>(files);
        next.remove(p);
        next.add(0, p);
        files.setAll(next.subList(0, Math.min(MAX, next.size())));
        try {
            AtomicFiles.writeString(store, String.join("\n", files.stream().map(Path::toString).toList()) + "\n");
        } catch (IOException e) {
            LOG.warn("Could not save the recent files list {}: {}", store, e.getMessage());
        }
    }
}

package dev.flowlens.app.workspace;

import dev.flowlens.app.canvas.CanvasViewModel;
import dev.flowlens.core.json.WorkflowCodec;
import dev.flowlens.core.json.WorkflowFormatException;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.runtime.api.FlowLens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open document: which file it came from, whether it has unsaved changes, the window title, recent
 * files, the examples, and the recovery copy written while there are unsaved changes. Owns the canvas
 * view model of the workflow being edited.
 */
public final class WorkspaceViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceViewModel.class);

    private final FlowLens runtime;
    private final AppSettings settings;
    private final CanvasViewModel canvas;
    private final RecentFiles recent;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyObjectWrapper<Workflow> saved = new ReadOnlyObjectWrapper<>(this, "saved");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    /** The file the document came from, an example's too: relative input paths in a run resolve against it. */
    private Path origin;

    public WorkspaceViewModel(FlowLens runtime, AppSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
        Workflow initial = Workflow.empty("Untitled");
        this.canvas = new CanvasViewModel(runtime, initial);
        this.recent = new RecentFiles(settings.recentFile());
        saved.set(initial);
        dirty.bind(Bindings.createBooleanBinding(() -> !canvas.getWorkflow().equals(saved.get()),
                canvas.workflowProperty(), saved));
        title.bind(Bindings.createStringBinding(() -> (dirty.get() ? "• " : "") + documentName() + " — FlowLens",
                dirty, file, canvas.workflowProperty()));
    }

    public CanvasViewModel canvas() {
        return canvas;
    }

    public FlowLens runtime() {
        return runtime;
    }

    public AppSettings settings() {
        return settings;
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public Optional<Path> getFile() {
        return Optional.ofNullable(file.get());
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    /** "• product-listings.json — FlowLens": the bullet marks unsaved changes. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The file runs resolve relative paths against: the saved file, else the file it was opened from (null for a new one). */
    public Path runBase() {
        return file.get() != null ? file.get() : origin;
    }

    public RecentFiles recentFiles() {
        return recent;
    }

    public List<Example> examples() {
        return Example.list(settings.examples());
    }

    private String documentName() {
        if (file.get() != null) {
            return file.get().getFileName().toString();
        }
        String name = canvas.getWorkflow().name();
        return name.isBlank() ? "Untitled" : name;
    }

    public void newWorkflow() {
        Workflow w = Workflow.empty("Untitled");
        canvas.reset(w);
        saved.set(w);
        file.set(null);
        origin = null;
        canvas.info("New workflow");
    }

    /** Opens a workflow file; a problem is reported in the status bar and the current document stays. */
    public boolean open(Path path) {
        try {
            Workflow w = WorkflowCodec.read(path);
            canvas.reset(w);
            saved.set(w);
            file.set(path.toAbsolutePath().normalize());
            origin = path.toAbsolutePath().normalize();
            recent.add(path);
            long errors = canvas.getIssues().stream().filter(i -> i.isError()).count();
            canvas.info("Opened " + path.getFileName() + ": " + w.nodes().size() + " nodes, " + w.edges().size()
                    + " wires" + (errors > 0 ? ", " + errors + " problems to fix" : ""));
            return true;
        } catch (WorkflowFormatException e) {
            canvas.error("Cannot open " + path.getFileName() + ": " + e.getMessage());
        } catch (IOException e) {
            canvas.error("Cannot open " + path + ": " + describe(e));
        }
        return false;
    }

    /** Opens an example as a new, unsaved document: saving asks where, so the bundled file stays as shipped. */
    public boolean openExample(Example example) {
        if (!open(example.file())) {
            return false;
        }
        file.set(null);
        canvas.info("Opened the example " + example.title() + "; Save As to keep your changes");
        return true;
    }

    /** Saves to the current file; false (and nothing written) when there is none yet: ask for one and call saveAs. */
    public boolean save() {
        return file.get() != null && saveAs(file.get());
    }

    public boolean saveAs(Path path) {
        Workflow w = canvas.getWorkflow();
        if (w.name().isBlank() || "Untitled".equals(w.name())) {
            String stem = path.getFileName().toString().replaceFirst("\\.json$", "");
            w = w.withName(stem);
            canvas.apply("name", w);
        }
        try {
            AtomicFiles.writeString(path, WorkflowCodec.write(w));
        } catch (IOException e) {
            canvas.error("Cannot save " + path + ": " + describe(e));
            return false;
        }
        file.set(path.toAbsolutePath().normalize());
        origin = file.get();
        saved.set(w);
        recent.add(path);
        deleteRecoveryCopy();
        canvas.info("Saved " + path.getFileName());
        return true;
    }

    /** Writes the unsaved workflow to the recovery file, so a crash loses nothing; removes it when all is saved. */
    public void writeRecoveryCopy() {
        if (!isDirty()) {
            deleteRecoveryCopy();
            return;
        }
        try {
            AtomicFiles.writeString(settings.recoveryFile(), WorkflowCodec.write(canvas.getWorkflow()));
        } catch (IOException e) {
            LOG.warn("Could not write the recovery copy {}: {}", settings.recoveryFile(), e.getMessage());
        }
    }

    public Optional<Path> recoveryCopy() {
        return Files.isRegularFile(settings.recoveryFile()) ? Optional.of(settings.recoveryFile()) : Optional.empty();
    }

    /** Opens the recovery copy as an unsaved document. */
    public boolean restoreRecoveryCopy() {
        Optional<Path> copy = recoveryCopy();
        if (copy.isEmpty()) {
            return false;
        }
        try {
            Workflow w = WorkflowCodec.read(copy.get());
            canvas.reset(w);
            saved.set(null);
            file.set(null);
            canvas.info("Restored the unsaved workflow from the last session");
            return true;
        } catch (WorkflowFormatException | IOException e) {
            canvas.error("The recovery copy could not be read: " + e.getMessage());
            return false;
        }
    }

    public void deleteRecoveryCopy() {
        try {
            Files.deleteIfExists(settings.recoveryFile());
        } catch (IOException e) {
            LOG.warn("Could not delete the recovery copy {}: {}", settings.recoveryFile(), e.getMessage());
        }
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return e.getMessage() == null ? kind : kind.toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage();
    }
}

package dev.flowlens.app.ops;

import dev.flowlens.app.MessageLine;
import dev.flowlens.runtime.api.Models;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Models tab's state: the models installed in the data folder's model store (the list {@code flowlens models
 * list} prints) with each one's checksum state once verified, and the bundled catalogue's models not yet installed.
 */
public final class ModelsViewModel {
    private final Background background;
    private final Models models;
    private final ObservableList<Row> installed = FXCollections.observableArrayList();
    private final ObservableList<Models.Bundled> installable = FXCollections.observableArrayList();
    private final Map<String, String> verified = new HashMap<>();
    private final MessageLine message = new MessageLine();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    /** An installed model and what verifying it found: "not checked", "ok", or the problems. */
    public record Row(Models.Model model, String verified) {
        public boolean intact() {
            return verified.equals("ok");
        }
    }

    public ModelsViewModel(Background background, Models models) {
        this.background = background;
        this.models = models;
    }

    public ObservableList<Row> installed() {
        return installed;
    }

    /** Bundled models that are not installed yet. */
    public ObservableList<Models.Bundled> installable() {
        return installable;
    }

    public String folder() {
        return models.folder().toString();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.textProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return message.errorProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public void refresh() {
        background.run(() -> new Listed(models.installed(), models.catalogue()), listed -> {
            show(listed);
            if (!busy.get()) {
                message.info(listed.installed().isEmpty() ? "No models in " + folder() + " yet: install a bundled one below"
                        : listed.installed().size() + " model(s) in " + folder());
            }
        }, why -> message.error("The model store could not be read: " + why));
    }

    private record Listed(List<Models.Model> installed, List<Models.Bundled> catalogue) {
    }

    private void show(Listed listed) {
        installed.setAll(listed.installed().stream()
                .map(m -> new Row(m, verified.getOrDefault(m.name(), "not checked"))).toList());
        installable.setAll(listed.catalogue().stream().filter(b -> !b.installed()).toList());
    }

    /** Re-hashes every file of the given models (all when the list is empty) and shows what it found. */
    public void verify(List<Models.Model> which) {
        List<Models.Model> targets = which.isEmpty() ? installed.stream().map(Row::model).toList() : which;
        if (targets.isEmpty() || busy.get()) {
            return;
        }
        busy.set(true);
        message.info("Verifying " + targets.size() + " model(s)…");
        background.run(() -> {
            Map<String, String> found = new HashMap<>();
            for (Models.Model m : targets) {
                List<String> problems = models.verify(m.name());
                found.put(m.name(), problems.isEmpty() ? "ok" : problems.size() + " problem(s): " + String.join("; ", problems));
            }
            return new Verified(found, new Listed(models.installed(), models.catalogue()));
        }, v -> {
            busy.set(false);
            verified.putAll(v.results());
            show(v.listed());
            long bad = v.results().values().stream().filter(s -> !s.equals("ok")).count();
            if (bad == 0) {
                message.info(v.results().size() + " model(s) verified: every file matches its SHA-256");
            } else {
                message.error(bad + " model(s) do not match their manifest: reinstall them (flowlens models install NAME)");
            }
        }, why -> {
            busy.set(false);
            message.error("Verify failed: " + why);
        });
    }

    private record Verified(Map<String, String> results, Listed listed) {
    }

    /** Installs a model of the bundled catalogue (checked by SHA-256). */
    public void install(Models.Bundled bundled) {
        if (bundled == null) {
            message.error("Pick a bundled model to install");
            return;
        }
        if (busy.get()) {
            return;
        }
        busy.set(true);
        message.info("Installing " + bundled.name() + " from " + bundled.source() + "…");
        background.run(() -> {
            Models.Model m = models.installBundled(bundled.name());
            return new Installed(m, new Listed(models.installed(), models.catalogue()));
        }, done -> {
            busy.set(false);
            verified.put(done.model().name(), "ok");
            show(done.listed());
            message.info("Installed " + done.model().name() + " (" + OpsText.bytes(done.model().bytes()) + ", checked by SHA-256)");
        }, why -> {
            busy.set(false);
            message.error("Could not install " + bundled.name() + ": " + why);
        });
    }

    private record Installed(Models.Model model, Listed listed) {
    }
}

package dev.flowlens.app.schedule;

import dev.flowlens.app.MessageLine;
import dev.flowlens.runtime.api.Schedules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The scheduler panel's state: the schedules in the store, the form being filled in (workflow file, cron, zone,
 * policies) with the cron checked on every keystroke, the selected schedule's history, and a message line.
 * The schedule store is opened on first use and closed with {@link #close()}.
 */
public final class SchedulesViewModel implements AutoCloseable {
    private static final int FIRE_TIMES = 5;

    private final Supplier<Schedules> opener;
    private final Supplier<Path> currentFile;
    private Schedules schedules;

    private final ObservableList<Schedules.Schedule> list = FXCollections.observableArrayList();
    private final ObservableList<Schedules.ScheduleRun> history = FXCollections.observableArrayList();
    private final StringProperty workflowFile = new SimpleStringProperty(this, "workflowFile", "");
    private final StringProperty cron = new SimpleStringProperty(this, "cron", "0 * * * *");
    private final StringProperty zone = new SimpleStringProperty(this, "zone", ZoneId.systemDefault().getId());
    private final ObjectProperty<Schedules.MissedRuns> missedRuns =
            new SimpleObjectProperty<>(this, "missedRuns", Schedules.MissedRuns.RUN_ONCE);
    private final ObjectProperty<Schedules.Overlap> overlap = new SimpleObjectProperty<>(this, "overlap", Schedules.Overlap.SKIP);
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", true);
    private final ReadOnlyObjectWrapper<Schedules.CronCheck> check = new ReadOnlyObjectWrapper<>(this, "check");
    private final MessageLine message = new MessageLine();
    private final ReadOnlyObjectWrapper<String> editing = new ReadOnlyObjectWrapper<>(this, "editing");

    /** {@code currentFile} gives the open workflow's file (null when unsaved), the default for a new schedule. */
    public SchedulesViewModel(Supplier<Schedules> opener, Supplier<Path> currentFile) {
        this.opener = opener;
        this.currentFile = currentFile;
        cron.addListener((obs, old, now) -> recheck());
        zone.addListener((obs, old, now) -> recheck());
    }

    private Schedules schedules() {
        if (schedules == null) {
            schedules = opener.get();
        }
        return schedules;
    }

    public ObservableList<Schedules.Schedule> list() {
        return list;
    }

    public ObservableList<Schedules.ScheduleRun> history() {
        return history;
    }

    public StringProperty workflowFileProperty() {
        return workflowFile;
    }

    public StringProperty cronProperty() {
        return cron;
    }

    public StringProperty zoneProperty() {
        return zone;
    }

    public ObjectProperty<Schedules.MissedRuns> missedRunsProperty() {
        return missedRuns;
    }

    public ObjectProperty<Schedules.Overlap> overlapProperty() {
        return overlap;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    /** The cron field checked: its meaning and next five fire times, or what is wrong and where. */
    public ReadOnlyObjectProperty<Schedules.CronCheck> checkProperty() {
        return check.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.textProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return message.errorProperty();
    }

    /** The id of the schedule the form edits; null while it describes a new one. */
    public ReadOnlyObjectProperty<String> editingProperty() {
        return editing.getReadOnlyProperty();
    }

    /** Loads the list and checks the form; the first call opens the store. */
    public void refresh() {
        try {
            list.setAll(schedules().list());
            recheck();
            Optional<Schedules.Schedule> edited = Optional.ofNullable(editing.get()).flatMap(this::find);
            history.setAll(edited.isPresent() ? schedules().history(edited.get().id(), 50) : schedules().history(null, 50));
        } catch (RuntimeException e) {
            message.error("The schedule store could not be read: " + e.getMessage());
        }
    }

    private void recheck() {
        if (schedules == null) {
            return;
        }
        check.set(schedules.check(cron.get(), zone.get(), FIRE_TIMES));
    }

    /** Clears the form for a new schedule of the open workflow. */
    public void newSchedule() {
        editing.set(null);
        Path file = currentFile.get();
        workflowFile.set(file == null ? "" : file.toString());
        cron.set("0 * * * *");
        zone.set(ZoneId.systemDefault().getId());
        missedRuns.set(Schedules.MissedRuns.RUN_ONCE);
        overlap.set(Schedules.Overlap.SKIP);
        enabled.set(true);
        message.info(file == null ? "Save the workflow first, or type the path of a saved workflow file" : "New schedule for " + file.getFileName());
    }

    /** Fills the form from a schedule to edit it, and shows its history. */
    public void edit(Schedules.Schedule s) {
        editing.set(s.id());
        workflowFile.set(s.workflowFile().toString());
        cron.set(s.cron());
        zone.set(s.zone());
        missedRuns.set(s.missedRuns());
        overlap.set(s.overlap());
        enabled.set(s.enabled());
        showHistory(s);
    }

    /** The runs of {@code s}, or of every schedule (scheduled, run-now and missed runs) when null. */
    public void showHistory(Schedules.Schedule s) {
        history.setAll(schedules().history(s == null ? null : s.id(), 50));
    }

    /** Adds the form's schedule, or replaces the one being edited; says what went wrong otherwise. */
    public boolean save() {
        Schedules.CronCheck c = schedules().check(cron.get(), zone.get(), FIRE_TIMES);
        check.set(c);
        if (!c.valid()) {
            message.error(c.error());
            return false;
        }
        String path = workflowFile.get() == null ? "" : workflowFile.get().strip();
        if (path.isEmpty()) {
            message.error("Which workflow? Save the workflow to a file first, then schedule that file");
            return false;
        }
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            message.error("Workflow file " + file + " does not exist; save the workflow first");
            return false;
        }
        Schedules.ScheduleRequest request = new Schedules.ScheduleRequest(file, cron.get(), zone.get(),
                missedRuns.get(), overlap.get(), enabled.get());
        try {
            Schedules.Schedule saved = editing.get() == null ? schedules().add(request)
                    : schedules().replace(editing.get(), request);
            editing.set(saved.id());
            list.setAll(schedules().list());
            message.info("Saved schedule " + saved.id() + ": " + saved.cronInWords()
                    + saved.nextFire().map(t -> ", next at " + ScheduleTimes.format(t, saved.zone())).orElse(""));
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            message.error(e.getMessage());
            return false;
        }
    }

    public void setEnabled(Schedules.Schedule s, boolean on) {
        act(() -> {
            schedules().setEnabled(s.id(), on);
            message.info((on ? "Enabled " : "Disabled ") + s.id());
        });
    }

    public void runNow(Schedules.Schedule s) {
        act(() -> message.info(s.id() + ": " + schedules().runNow(s.id())));
    }

    public void remove(Schedules.Schedule s) {
        act(() -> {
            schedules().remove(s.id());
            if (s.id().equals(editing.get())) {
                editing.set(null);
            }
            message.info("Removed " + s.id() + "; its history stays in the store");
        });
    }

    /** Enabled schedules, for the question on closing the window. */
    public long enabledCount() {
        try {
            return schedules().list().stream().filter(Schedules.Schedule::enabled).count();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Pauses every schedule: the user closes the app and wants nothing to run while it is closed. */
    public void pauseAll() {
        schedules().list().stream().filter(Schedules.Schedule::enabled).forEach(s -> schedules().setEnabled(s.id(), false));
    }

    public Optional<Schedules.Schedule> find(String id) {
        return list.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private void act(Runnable action) {
        try {
            action.run();
            list.setAll(schedules().list());
        } catch (IllegalArgumentException | IllegalStateException e) {
            message.error(e.getMessage());
        }
    }

    @Override
    public void close() {
        if (schedules != null) {
            schedules.close();
            schedules = null;
        }
    }
}

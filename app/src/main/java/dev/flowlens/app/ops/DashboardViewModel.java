package dev.flowlens.app.ops;

import dev.flowlens.runtime.api.Operations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Dashboard tab's state: which workflow file and how many days (7 or 30), and that workflow's numbers from run
 * history: runs and failures per day, failure rate, median and 95th-percentile time per item.
 */
public final class DashboardViewModel {
    private final Background background;
    private final OperationsStore store;
    private final Supplier<Path> openFile;
    private final ObservableList<String> workflows = FXCollections.observableArrayList();
    private final StringProperty workflow = new SimpleStringProperty(this, "workflow");
    private final IntegerProperty days = new SimpleIntegerProperty(this, "days", 7);
    private final ReadOnlyObjectWrapper<Operations.Dashboard> dashboard = new ReadOnlyObjectWrapper<>(this, "dashboard");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public DashboardViewModel(Background background, OperationsStore store, Supplier<Path> openFile) {
        this.background = background;
        this.store = store;
        this.openFile = openFile;
        workflow.addListener((obs, old, now) -> load());
        days.addListener((obs, old, now) -> load());
    }

    /** Workflow files with runs in history (and the open one). */
    public ObservableList<String> workflows() {
        return workflows;
    }

    public StringProperty workflowProperty() {
        return workflow;
    }

    /** The window in days: 7 or 30 in the view, 1 to 366 allowed. */
    public IntegerProperty daysProperty() {
        return days;
    }

    public ReadOnlyObjectProperty<Operations.Dashboard> dashboardProperty() {
        return dashboard.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Lists the workflows in history, picks the open one (else the first), and loads its numbers. */
    public void refresh() {
        Path open = openFile.get();
        String openPath = open == null ? null : open.toAbsolutePath().normalize().toString();
        background.run(() -> store.get().workflows(), found -> {
            List<String> all = new ArrayList<>(found);
            if (openPath != null && !all.contains(openPath)) {
                all.add(0, openPath);
            }
            String keep = workflow.get();
            workflows.setAll(all);
            String pick = keep != null && all.contains(keep) ? keep : openPath != null ? openPath : all.isEmpty() ? null : all.get(0);
            if (pick != null && pick.equals(workflow.get())) {
                load();
            } else {
                workflow.set(pick);
            }
            if (pick == null) {
                message.set("No runs in history yet: the dashboard counts runs of saved workflows");
            }
        }, why -> message.set("The run history could not be read: " + why));
    }

    private void load() {
        String file = workflow.get();
        int window = days.get();
        if (file == null || file.isBlank()) {
            dashboard.set(null);
            return;
        }
        background.run(() -> store.get().dashboard(file, window), d -> {
            if (file.equals(workflow.get()) && window == days.get()) {
                dashboard.set(d);
                message.set(d.finishedRuns() == 0 ? "No finished runs of this workflow in the last " + window + " days" : "");
            }
        }, why -> message.set("The dashboard could not be computed: " + why));
    }
}

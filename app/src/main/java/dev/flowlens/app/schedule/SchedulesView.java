package dev.flowlens.app.schedule;

import dev.flowlens.runtime.api.Schedules;
import java.time.ZoneId;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The scheduler panel: the schedules (workflow, cron in words, next fire, last status) with enable/disable, run
 * now and remove; a form whose cron field shows the next five fire times or the error as you type; the selected
 * schedule's run history. Handlers are one-line calls into {@link SchedulesViewModel}.
 */
public final class SchedulesView extends SplitPane {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final SchedulesViewModel model;
    private final TableView<Schedules.Schedule> table = new TableView<>();

    public SchedulesView(SchedulesViewModel model) {
        this.model = model;
        setId("schedules");
        getStyleClass().add("schedules");
        getItems().addAll(listPane(), formPane());
        setDividerPositions(0.5);
    }

    public TableView<Schedules.Schedule> table() {
        return table;
    }

    private VBox listPane() {
        table.setId("schedule-list");
        table.setItems(model.list());
        table.setPlaceholder(new Label("No schedules yet: fill in the form and Save"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Workflow", s -> s.workflowFile().getFileName().toString()));
        table.getColumns().add(column("When", Schedules.Schedule::cronInWords));
        table.getColumns().add(column("Next fire", s -> s.enabled()
                ? s.nextFire().map(t -> ScheduleTimes.format(t, s.zone())).orElse("—") : "disabled"));
        table.getColumns().add(column("Last run", s -> s.running() ? "running" : s.lastRun()
                .map(r -> r.status() + (r.itemsFailed() > 0 ? " (" + r.itemsFailed() + " items failed)" : "")).orElse("never")));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.edit(now);
            }
        });
        Button add = button("New", "schedule-new", model::newSchedule);
        Button toggle = button("Enable/Disable", "schedule-toggle", () -> selected(s -> model.setEnabled(s, !s.enabled())));
        Button runNow = button("Run now", "schedule-run-now", () -> selected(model::runNow));
        Button remove = button("Remove", "schedule-remove", () -> selected(model::remove));
        Button refresh = button("Refresh", "schedule-refresh", model::refresh);
        ListView<Schedules.ScheduleRun> history = new ListView<>(model.history());
        history.setId("schedule-history");
        history.setPlaceholder(new Label("No scheduled runs yet (select a schedule to see only its runs)"));
        history.setPrefHeight(90);
        history.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Schedules.ScheduleRun r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : ScheduleTimes.format(r.startedAt(), ZoneId.systemDefault().getId())
                        + "  " + r.trigger() + "  " + r.status() + "  " + r.itemsOk() + " ok / " + r.itemsFailed()
                        + " failed" + (r.note().isBlank() ? "" : "  — " + r.note())
                        + (r.nodeErrors().isEmpty() ? "" : "  " + r.nodeErrors()));
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(6, new HBox(6, add, toggle, runNow, remove, refresh), table, new Label("History"), history);
        box.setPadding(new Insets(6));
        return box;
    }

    private javafx.scene.control.ScrollPane formPane() {
        TextField file = new TextField();
        file.setId("schedule-workflow");
        file.textProperty().bindBidirectional(model.workflowFileProperty());
        TextField cron = new TextField();
        cron.setId("schedule-cron");
        cron.setPromptText("minute hour day month weekday, e.g. 0 * * * *");
        cron.textProperty().bindBidirectional(model.cronProperty());
        ComboBox<String> zone = new ComboBox<>();
        zone.setId("schedule-zone");
        zone.setEditable(true);
        zone.getItems().setAll(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.valueProperty().bindBidirectional(model.zoneProperty());
        ChoiceBox<Schedules.MissedRuns> missed = new ChoiceBox<>();
        missed.setId("schedule-missed");
        missed.getItems().setAll(Schedules.MissedRuns.values());
        missed.setConverter(words(m -> m == Schedules.MissedRuns.RUN_ONCE ? "run once at start-up" : "skip them"));
        missed.valueProperty().bindBidirectional(model.missedRunsProperty());
        ChoiceBox<Schedules.Overlap> overlap = new ChoiceBox<>();
        overlap.setId("schedule-overlap");
        overlap.getItems().setAll(Schedules.Overlap.values());
        overlap.setConverter(words(o -> o == Schedules.Overlap.SKIP ? "skip the new run" : "run right after (queue one)"));
        overlap.valueProperty().bindBidirectional(model.overlapProperty());
        CheckBox enabled = new CheckBox("Enabled");
        enabled.setId("schedule-enabled");
        enabled.selectedProperty().bindBidirectional(model.enabledProperty());

        Label feedback = new Label();
        feedback.setId("cron-feedback");
        feedback.getStyleClass().add("cron-feedback");
        feedback.setWrapText(true);
        ListView<String> next = new ListView<>();
        next.setId("cron-next");
        next.setPrefHeight(120);
        next.setPlaceholder(new Label("No fire times"));
        model.checkProperty().addListener((obs, old, c) -> {
            if (c == null) {
                return;
            }
            feedback.setText(c.valid() ? c.inWords() : c.error());
            feedback.pseudoClassStateChanged(ERROR, !c.valid());
            next.getItems().setAll(c.next().stream().map(ScheduleTimes::format).toList());
        });

        Label message = new Label();
        message.setId("schedule-message");
        message.getStyleClass().add("schedule-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        model.messageIsErrorProperty().addListener((obs, old, now) -> message.pseudoClassStateChanged(ERROR, now));
        Label title = new Label();
        title.getStyleClass().add("schedule-form-title");
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.editingProperty().get() == null ? "New schedule" : "Edit " + model.editingProperty().get(),
                model.editingProperty()));
        Button save = button("Save schedule", "schedule-save", model::save);
        save.setDefaultButton(false);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Workflow file"), file);
        form.addRow(1, new Label("Cron"), cron);
        form.add(feedback, 1, 2);
        form.addRow(3, new Label("Time zone"), zone);
        form.addRow(4, new Label("Missed runs"), missed);
        form.addRow(5, new Label("If still running"), overlap);
        form.add(enabled, 1, 6);
        GridPane.setHgrow(file, Priority.ALWAYS);
        next.setPrefWidth(260);
        VBox nextBox = new VBox(4, new Label("Next five fire times"), next);
        nextBox.setMinWidth(250);
        HBox.setHgrow(form, Priority.ALWAYS);
        HBox header = new HBox(12, title, save);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        form.getChildren().stream().filter(n -> n instanceof Label).forEach(n -> ((Label) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
        VBox box = new VBox(6, header, message, new HBox(12, form, nextBox));
        box.setPadding(new Insets(6));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private void selected(java.util.function.Consumer<Schedules.Schedule> action) {
        Schedules.Schedule s = table.getSelectionModel().getSelectedItem();
        if (s != null) {
            action.accept(s);
        }
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static TableColumn<Schedules.Schedule, String> column(String name,
                                                                   java.util.function.Function<Schedules.Schedule, String> value) {
        TableColumn<Schedules.Schedule, String> c = new TableColumn<>(name);
        c.setCellValueFactory(row -> new SimpleStringProperty(value.apply(row.getValue())));
        return c;
    }

    private static <T extends Enum<T>> StringConverter<T> words(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("choices are picked, not typed: " + s.toLowerCase(Locale.ROOT));
            }
        };
    }
}

package dev.flowlens.app.ops;

import dev.flowlens.runtime.api.Operations;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * The Alerts tab: the alert rules (which schedule, when, which channel) with Send test, the latest deliveries
 * (sent, or failed and why), and this session's notifications of scheduled runs that failed or recovered, which
 * also pop up on the desktop (ControlsFX notifications) while the app is open.
 */
public final class AlertsView extends SplitPane {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final AlertsViewModel model;
    private final TableView<Operations.AlertInfo> table = new TableView<>();

    public AlertsView(AlertsViewModel model) {
        this.model = model;
        setId("alerts");
        getStyleClass().add("alerts");
        table.setId("alert-rules");
        table.setItems(model.rules());
        table.setPlaceholder(new Label("No alert rules: flowlens alert add --webhook URL"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Rule", Operations.AlertInfo::id));
        table.getColumns().add(column("Schedule", r -> r.scheduleId().isEmpty() ? "every schedule" : r.scheduleId()));
        table.getColumns().add(column("When", Operations.AlertInfo::conditions));
        table.getColumns().add(column("Channel", r -> r.channel() + " " + r.target()));
        Button send = new Button("Send test");
        send.setId("alert-send-test");
        send.disableProperty().bind(model.sendingProperty()
                .or(table.getSelectionModel().selectedItemProperty().isNull()));
        send.setOnAction(e -> model.sendTest(table.getSelectionModel().getSelectedItem()));
        Button refresh = new Button("Refresh");
        refresh.setId("alert-refresh");
        refresh.setOnAction(e -> model.refresh());
        CheckBox desktop = new CheckBox("Desktop notifications of scheduled runs that fail or recover");
        desktop.setId("alert-desktop");
        desktop.selectedProperty().bindBidirectional(model.desktopNotificationsProperty());
        Label message = new Label();
        message.setId("alert-message");
        message.getStyleClass().add("ops-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(model.messageProperty());
        model.messageIsErrorProperty().addListener((obs, old, now) -> message.pseudoClassStateChanged(ERROR, now));
        ListView<Operations.Delivery> deliveries = new ListView<>(model.deliveries());
        deliveries.setId("alert-deliveries");
        deliveries.setPlaceholder(new Label("No alerts sent yet"));
        deliveries.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Operations.Delivery d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : OpsText.time(d.at()) + "  " + d.ruleId() + "  " + d.event()
                        + (d.runId().isEmpty() ? "" : " of run " + d.runId()) + ": "
                        + (d.sent() ? "sent" : "failed: " + d.detail()) + " (" + d.attempts() + " attempt(s))");
                pseudoClassStateChanged(FAILED, !empty && d != null && !d.sent());
            }
        });
        ListView<AlertsViewModel.Notice> notices = new ListView<>(model.notices());
        notices.setId("alert-notices");
        notices.setPlaceholder(new Label("No scheduled run failed or recovered while the app was open"));
        notices.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(AlertsViewModel.Notice n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : n.title() + " — " + n.text().replace('\n', ' '));
                pseudoClassStateChanged(FAILED, !empty && n != null && !n.recovered());
            }
        });
        send.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(deliveries, Priority.ALWAYS);
        VBox.setVgrow(notices, Priority.ALWAYS);
        VBox left = new VBox(4, new HBox(8, send, refresh), message, table, desktop);
        VBox right = new VBox(4, new Label("Latest deliveries"), deliveries, new Label("Notifications in this session"), notices);
        left.setPadding(new Insets(4));
        right.setPadding(new Insets(4));
        getItems().addAll(left, right);
        setDividerPositions(0.55);
        model.setNotifier(this::notify);
    }

    public TableView<Operations.AlertInfo> table() {
        return table;
    }

    /** A desktop notification over the app's window (ControlsFX). */
    private void notify(AlertsViewModel.Notice n) {
        Window owner = getScene() == null ? null : getScene().getWindow();
        Notifications note = Notifications.create().title(n.title()).text(n.text()).hideAfter(Duration.seconds(12));
        if (owner != null && owner.isShowing()) {
            note.owner(owner);
        }
        if (n.recovered()) {
            note.showInformation();
        } else {
            note.showError();
        }
    }

    private static TableColumn<Operations.AlertInfo, String> column(String title, Function<Operations.AlertInfo, String> value) {
        TableColumn<Operations.AlertInfo, String> c = new TableColumn<>(title);
        c.setId("alert-col-" + title.toLowerCase(Locale.ROOT));
        c.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        return c;
    }
}

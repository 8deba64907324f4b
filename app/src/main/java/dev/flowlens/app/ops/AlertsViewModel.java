package dev.flowlens.app.ops;

import dev.flowlens.app.MessageLine;
import dev.flowlens.runtime.api.Operations;
import java.time.Instant;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Alerts tab's state: the alert rules of the alert book with a test send that reports sent, or failed and why;
 * the latest deliveries; and the desktop notifications of this session. While the app is open it looks for
 * scheduled runs (run by the background service) that failed or recovered since it last looked, and hands each to
 * the notifier.
 */
public final class AlertsViewModel {
    private final Background background;
    private final OperationsStore store;
    private final ObservableList<Operations.AlertInfo> rules = FXCollections.observableArrayList();
    private final ObservableList<Operations.Delivery> deliveries = FXCollections.observableArrayList();
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final BooleanProperty desktopNotifications = new SimpleBooleanProperty(this, "desktopNotifications", true);
    private final MessageLine message = new MessageLine();
    private final ReadOnlyBooleanWrapper sending = new ReadOnlyBooleanWrapper(this, "sending");
    private Consumer<Notice> notifier = n -> { };
    private Instant seenUpTo;
    private boolean polling;

    /** A desktop notification: a scheduled run that failed or recovered. */
    public record Notice(String title, String text, boolean recovered, Operations.PastRun run) {
    }

    /** Looks for news of runs that end after {@code since} (the moment the app opened). */
    public AlertsViewModel(Background background, OperationsStore store, Instant since) {
        this.background = background;
        this.store = store;
        this.seenUpTo = since;
    }

    public ObservableList<Operations.AlertInfo> rules() {
        return rules;
    }

    public ObservableList<Operations.Delivery> deliveries() {
        return deliveries;
    }

    /** The notifications shown in this session, newest first. */
    public ObservableList<Notice> notices() {
        return notices;
    }

    /** Whether news of scheduled runs pops up on the desktop (it is listed under Alerts either way). */
    public BooleanProperty desktopNotificationsProperty() {
        return desktopNotifications;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.textProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return message.errorProperty();
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending.getReadOnlyProperty();
    }

    /** Who shows a notice on the desktop (the view: a ControlsFX notification). */
    public void setNotifier(Consumer<Notice> show) {
        notifier = show == null ? n -> { } : show;
    }

    /** Loads the rules and the latest deliveries, and says how many rules there are. */
    public void refresh() {
        load(true);
    }

    private void load(boolean say) {
        background.run(() -> new Loaded(store.get().alertRules(), store.get().deliveries(20)), loaded -> {
            rules.setAll(loaded.rules());
            deliveries.setAll(loaded.deliveries());
            if (say && !sending.get()) {
                message.info(loaded.rules().isEmpty()
                        ? "No alert rules yet. Add one with: flowlens alert add --webhook URL   (or --email ADDRESS --smtp-host HOST)"
                        : loaded.rules().size() + " alert rule(s); select one and Send test");
            }
        }, why -> message.error("The alert book could not be read: " + why));
    }

    private record Loaded(java.util.List<Operations.AlertInfo> rules, java.util.List<Operations.Delivery> deliveries) {
    }

    /** Sends a test alert through the rule's channel and says whether it went out. */
    public void sendTest(Operations.AlertInfo rule) {
        if (rule == null) {
            message.error("Select an alert rule first");
            return;
        }
        if (sending.get()) {
            message.error("A test alert is on its way; wait for its answer");
            return;
        }
        sending.set(true);
        message.info("Sending a test alert through " + rule.channel() + " " + rule.target() + "…");
        background.run(() -> store.get().sendTestAlert(rule.id()), d -> {
            sending.set(false);
            if (d.sent()) {
                message.info("Test alert sent: " + rule.description());
            } else {
                message.error("Test alert not delivered: " + d.detail());
            }
            load(false);
        }, why -> {
            sending.set(false);
            message.error("Test alert not sent: " + why);
        });
    }

    /** Looks once for scheduled runs that failed or recovered since the last look; each becomes a notice. */
    public void poll() {
        if (polling || !store.exists()) {
            return;
        }
        polling = true;
        Instant after = seenUpTo;
        background.run(() -> store.get().scheduledChangesAfter(after), changes -> {
            polling = false;
            for (Operations.Change c : changes) {
                if (c.run().finishedAt() != null && c.run().finishedAt().isAfter(seenUpTo)) {
                    seenUpTo = c.run().finishedAt();
                }
                Notice n = notice(c);
                notices.add(0, n);
                if (desktopNotifications.get()) {
                    notifier.accept(n);
                }
            }
        }, why -> polling = false);
    }

    static Notice notice(Operations.Change c) {
        Operations.PastRun r = c.run();
        String what = c.recovered() ? "recovered" : "failed";
        String title = "FlowLens: schedule " + r.scheduleId() + " " + what;
        StringBuilder text = new StringBuilder(fileName(r.workflowFile())).append(" ").append(r.status())
                .append(" at ").append(OpsText.time(r.finishedAt())).append(": ")
                .append(r.itemsOk()).append(" items ok, ").append(r.itemsFailed()).append(" failed");
        r.nodeErrors().entrySet().stream().findFirst()
                .ifPresent(e -> text.append("\n").append(e.getKey()).append(": ").append(e.getValue()));
        return new Notice(title, text.toString(), c.recovered(), r);
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash >= 0 ? path.substring(slash + 1) : path;
    }
}

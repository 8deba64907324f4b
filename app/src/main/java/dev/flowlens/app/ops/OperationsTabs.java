package dev.flowlens.app.ops;

import dev.flowlens.app.run.RunViewModel;
import dev.flowlens.core.model.Workflow;
import dev.flowlens.core.spec.NodeCatalog;
import dev.flowlens.runtime.api.Models;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Duration;

/**
 * The History, Dashboard, Alerts and Models tabs of the run panel, their view models, the shared background
 * threads and store, and the timer that looks for scheduled runs that failed or recovered (every 15 s, or
 * {@code -Dflowlens.alertPollSeconds}). Each tab loads when it is shown; {@link #close()} goes with the window.
 */
public final class OperationsTabs implements AutoCloseable {
    private final Background background = new Background();
    private final OperationsStore store;
    private final HistoryViewModel history;
    private final DashboardViewModel dashboard;
    private final AlertsViewModel alerts;
    private final ModelsViewModel models;
    private final HistoryView historyView;
    private final DashboardView dashboardView;
    private final AlertsView alertsView;
    private final ModelsView modelsView;
    private final Timeline poll;
    private final Tab historyTab;

    /** Over the data folder's store and model store; {@code openWorkflow} and {@code openFile} describe the canvas. */
    public OperationsTabs(Path dataFolder, RunViewModel runs, NodeCatalog catalog, Supplier<Workflow> openWorkflow,
                          Supplier<Path> openFile) {
        store = new OperationsStore(dataFolder);
        history = new HistoryViewModel(background, store, runs, catalog, openWorkflow, openFile);
        dashboard = new DashboardViewModel(background, store, openFile);
        alerts = new AlertsViewModel(background, store, Instant.now());
        models = new ModelsViewModel(background, Models.in(dataFolder));
        historyView = new HistoryView(history);
        dashboardView = new DashboardView(dashboard);
        alertsView = new AlertsView(alerts);
        modelsView = new ModelsView(models);
        historyTab = tab("History", historyView, history::refresh);
        long seconds = Long.getLong("flowlens.alertPollSeconds", 15);
        poll = new Timeline(new KeyFrame(Duration.seconds(Math.max(1, seconds)), e -> alerts.poll()));
        poll.setCycleCount(Animation.INDEFINITE);
        poll.play();
    }

    /** Puts History where the run panel's session history used to be (after Log), the rest at the end. */
    public void addTo(TabPane panel) {
        int afterLog = Math.min(3, panel.getTabs().size());
        panel.getTabs().add(afterLog, historyTab);
        panel.getTabs().addAll(tab("Dashboard", dashboardView, dashboard::refresh),
                tab("Alerts", alertsView, alerts::refresh), tab("Models", modelsView, models::refresh));
    }

    private static Tab tab(String name, Node content, Runnable onShow) {
        Tab t = new Tab(name, content);
        t.setId("tab-" + name.toLowerCase(java.util.Locale.ROOT));
        t.setOnSelectionChanged(e -> {
            if (t.isSelected()) {
                onShow.run();
            }
        });
        return t;
    }

    /** Lets History open files in the desktop's program for them (the app passes its host services). */
    public void setFileOpener(java.util.function.Consumer<Path> opener) {
        history.setFileOpener(opener);
    }

    public HistoryViewModel history() {
        return history;
    }

    public HistoryView historyView() {
        return historyView;
    }

    public DashboardViewModel dashboard() {
        return dashboard;
    }

    public DashboardView dashboardView() {
        return dashboardView;
    }

    public AlertsViewModel alerts() {
        return alerts;
    }

    public AlertsView alertsView() {
        return alertsView;
    }

    public ModelsViewModel models() {
        return models;
    }

    public ModelsView modelsView() {
        return modelsView;
    }

    @Override
    public void close() {
        poll.stop();
        background.close();
        store.close();
    }
}

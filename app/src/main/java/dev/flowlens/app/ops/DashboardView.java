package dev.flowlens.app.ops;

import dev.flowlens.runtime.api.Operations;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Dashboard tab: for one workflow over the last 7 or 30 days, runs and failures per day as a bar chart, and the
 * totals: finished and failed runs, the failure rate, median and p95 time per item, items ok and failed.
 */
public final class DashboardView extends VBox {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);

    private final DashboardViewModel model;
    private final BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final Label runs = stat("dashboard-runs");
    private final Label failureRate = stat("dashboard-failure-rate");
    private final Label median = stat("dashboard-median");
    private final Label p95 = stat("dashboard-p95");
    private final Label items = stat("dashboard-items");

    public DashboardView(DashboardViewModel model) {
        this.model = model;
        setId("dashboard");
        getStyleClass().add("dashboard");
        setSpacing(6);
        setPadding(new Insets(6));
        ComboBox<String> workflow = new ComboBox<>(model.workflows());
        workflow.setId("dashboard-workflow");
        workflow.setPromptText("Workflow");
        workflow.setMaxWidth(Double.MAX_VALUE);
        workflow.valueProperty().bindBidirectional(model.workflowProperty());
        HBox.setHgrow(workflow, Priority.ALWAYS);
        ChoiceBox<Integer> days = new ChoiceBox<>();
        days.setId("dashboard-days");
        days.getItems().addAll(7, 30);
        days.setValue(model.daysProperty().get());
        days.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer d) {
                return d == null ? "" : "last " + d + " days";
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.replaceAll("\\D", ""));
            }
        });
        days.valueProperty().addListener((obs, old, now) -> model.daysProperty().set(now));
        Button refresh = new Button("Refresh");
        refresh.setId("dashboard-refresh");
        refresh.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        days.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        refresh.setOnAction(e -> model.refresh());
        Label message = new Label();
        message.setId("dashboard-message");
        message.getStyleClass().add("ops-message");
        message.textProperty().bind(model.messageProperty());
        chart.setId("dashboard-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.getXAxis().setLabel("day");
        chart.getYAxis().setLabel("runs");
        ((NumberAxis) chart.getYAxis()).setMinorTickVisible(false);
        ((NumberAxis) chart.getYAxis()).setTickUnit(1);
        VBox.setVgrow(chart, Priority.ALWAYS);
        FlowPane stats = new FlowPane(18, 4, runs, failureRate, median, p95, items);
        Label workflowLabel = new Label("Workflow");
        workflowLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(new HBox(8, workflowLabel, workflow, days, refresh), stats, message, chart);
        model.dashboardProperty().addListener((obs, old, now) -> show(now));
        show(model.dashboardProperty().get());
    }

    private static Label stat(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("dashboard-stat");
        return l;
    }

    private void show(Operations.Dashboard d) {
        chart.getData().clear();
        if (d == null) {
            runs.setText("");
            failureRate.setText("");
            median.setText("");
            p95.setText("");
            items.setText("");
            return;
        }
        runs.setText(d.finishedRuns() + " runs, " + d.failedRuns() + " failed");
        failureRate.setText(String.format(Locale.ROOT, "failure rate %.1f%%", d.failureRate() * 100));
        median.setText("median " + d.medianMillisPerItem().map(OpsText::millis).orElse("—") + " per item");
        p95.setText("p95 " + d.p95MillisPerItem().map(OpsText::millis).orElse("—") + " per item");
        items.setText(d.itemsOk() + " items ok, " + d.itemsFailed() + " failed");
        XYChart.Series<String, Number> all = new XYChart.Series<>();
        all.setName("runs");
        XYChart.Series<String, Number> failed = new XYChart.Series<>();
        failed.setName("failed");
        for (Operations.Day day : d.perDay()) {
            String label = DAY.format(day.date());
            all.getData().add(new XYChart.Data<>(label, day.runs()));
            failed.getData().add(new XYChart.Data<>(label, day.failed()));
        }
        chart.getData().add(all);
        chart.getData().add(failed);
    }

    public BarChart<String, Number> chart() {
        return chart;
    }
}

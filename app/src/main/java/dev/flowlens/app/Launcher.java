package dev.flowlens.app;

import javafx.application.Application;

/**
 * The main class. A separate class that does not extend {@link Application}, so the editor starts from a
 * plain class path ({@code java -cp … dev.flowlens.app.Launcher}) without module-path options.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "flowlens-app-logback.xml");
        }
        Application.launch(FlowLensApp.class, args);
    }
}

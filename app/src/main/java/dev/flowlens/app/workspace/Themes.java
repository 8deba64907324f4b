package dev.flowlens.app.workspace;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.net.URL;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;

/** Applies a theme: AtlantaFX Primer as the user-agent sheet, then our theme variables and one sheet per area. */
public final class Themes {
    private static final List<String> AREAS = List.of("canvas", "nodes", "ports", "wires", "palette", "inspector", "run", "ops");

    private Themes() {
    }

    public static void apply(Scene scene, boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        scene.getStylesheets().setAll(sheet(dark ? "theme-dark" : "theme-light"));
        for (String area : AREAS) {
            scene.getStylesheets().add(sheet(area));
        }
    }

    private static String sheet(String name) {
        URL url = Themes.class.getResource("/dev/flowlens/styles/" + name + ".css");
        return Objects.requireNonNull(url, "stylesheet " + name + ".css is missing from the styles module").toExternalForm();
    }
}

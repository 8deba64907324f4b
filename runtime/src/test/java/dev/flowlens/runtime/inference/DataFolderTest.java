package dev.flowlens.runtime.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The app, the CLI, the service and the model store find one data folder: the README's {@code ~/.flowlens}. */
class DataFolderTest {

    @Test
    void thePropertyThenFlowlensDataThenTheHomeFolder() {
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();

        assertThat(DataFolder.resolve(null, Map.of())).isEqualTo(home.resolve(".flowlens"));
        assertThat(DataFolder.resolve(null, Map.of("XDG_DATA_HOME", "/tmp/xdg"))).isEqualTo(home.resolve(".flowlens"));
        assertThat(DataFolder.resolve("", Map.of("FLOWLENS_DATA", "/srv/flowlens"))).isEqualTo(Path.of("/srv/flowlens"));
        assertThat(DataFolder.resolve("/opt/fl", Map.of("FLOWLENS_DATA", "/srv/flowlens"))).isEqualTo(Path.of("/opt/fl"));
    }
}

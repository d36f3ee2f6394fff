package dev.taskyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

  @Test
  void withNothingGivenDataGoesToTaskyardDataInTheCurrentDirectoryAndHttpTo8080() {
    LauncherOptions options = LauncherOptions.parse(new String[0], Map.of());

    assertThat(options.dataDir()).isEqualTo(Path.of("taskyard-data").toAbsolutePath());
    assertThat(options.port()).isEqualTo(8080);
    assertThat(options.exporterPort()).isEmpty();
    assertThat(options.help()).isFalse();
  }

  @Test
  void exporterPortChoosesWhereTheExporterListens() {
    assertThat(
            LauncherOptions.parse(new String[] {"--exporter-port", "9500"}, Map.of())
                .exporterPort())
        .contains(9500);
  }

  @Test
  void taskyardHomeChoosesTheDataDirectoryAndDataOverridesIt() {
    Map<String, String> env = Map.of("TASKYARD_HOME", "/srv/taskyard");

    assertThat(LauncherOptions.parse(new String[0], env).dataDir())
        .isEqualTo(Path.of("/srv/taskyard"));
    assertThat(LauncherOptions.parse(new String[] {"--data", "/tmp/t", "--port", "9090"}, env))
        .isEqualTo(new LauncherOptions(Path.of("/tmp/t"), 9090, Optional.empty(), false));
  }

  @Test
  void badOptionsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--port", "http"}, Map.of()))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--port", "70000"}, Map.of()))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--exporter-port", "0"}, Map.of()))
        .hasMessageContaining("--exporter-port");
    assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--data"}, Map.of()))
        .hasMessageContaining("--data");
    assertThatThrownBy(() -> LauncherOptions.parse(new String[] {"--verbose"}, Map.of()))
        .hasMessageContaining("--verbose");
  }

  @Test
  void helpIsRecognised() {
    assertThat(LauncherOptions.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
  }
}

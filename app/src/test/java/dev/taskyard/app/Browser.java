package dev.taskyard.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium for console tests, driven through Debian's {@code chromedriver}
 * (packages {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs). Both are
 * named explicitly, so Selenium never tries to download a browser or a driver; either can be moved
 * with {@code -Dtaskyard.it.chromium} and {@code -Dtaskyard.it.chromedriver}. Without them the test
 * fails, saying what to install: a browser test is never skipped.
 */
public final class Browser implements AutoCloseable {
  private static final Path CHROMIUM =
      Path.of(System.getProperty("taskyard.it.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("taskyard.it.chromedriver", "/usr/bin/chromedriver"));

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts a headless Chromium with a fresh profile; close it after use. */
  public static Browser start() {
    for (Path tool : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(tool)) {
        throw new IllegalStateException(
            tool
                + " is missing: browser tests need Chromium and its driver"
                + " (Debian: apt-get install chromium chromium-driver)");
      }
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return new Browser(driver);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /**
   * What the page wrote to the browser's console at {@code SEVERE} since the last call: script
   * errors, failed loads and Content-Security-Policy refusals.
   */
  public List<String> errors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  @Override
  public void close() {
    driver.quit();
  }
}

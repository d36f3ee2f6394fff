package dev.taskyard.app.console;

import static org.awaitility.Awaitility.await;

import dev.taskyard.app.Browser;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The console as a person uses it in the browser: signing in and out, and the header's parts. */
public final class ConsolePage {
  static final Duration WAIT = Duration.ofSeconds(30);

  private final Browser browser;
  private final URL base;

  public ConsolePage(Browser browser, URL base) {
    this.browser = browser;
    this.base = base;
  }

  ChromeDriver driver() {
    return browser.driver();
  }

  /**
   * Opens {@code path} (relative to the application), signed in or not, once the page shown has no
   * Ajax request on its way: Payara fails a request whose connection the browser drops mid-way with
   * a 500 (a Grizzly race), which the browser reports as an error.
   */
  ConsolePage open(String path) {
    settle();
    driver().get(base + path);
    return this;
  }

  /** Fills in and sends the sign-in form, which must be showing. */
  ConsolePage signIn(String user, String password) {
    field("sign-in:user").sendKeys(user);
    field("sign-in:password").sendKeys(password);
    driver().findElement(By.id("sign-in:submit")).click();
    return this;
  }

  /**
   * Leaves the page shown, so that none of its scripts (a live reload, a reconnect) asks the server
   * anything more, then forgets the session: every cookie of the browser, whatever page shows.
   */
  ConsolePage freshSession() {
    driver().get("about:blank");
    driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
    return this;
  }

  /** Opens the console as {@code user}, from a fresh session. */
  public ConsolePage signedInAs(String user, String password) {
    freshSession();
    open("console/");
    return signIn(user, password).waitFor(By.id("user-menu:user-name"));
  }

  ConsolePage signOut() {
    driver().findElement(By.id("user-menu:sign-out")).click();
    return waitFor(By.id("sign-in"));
  }

  WebElement field(String id) {
    WebElement field = driver().findElement(By.id(id));
    field.clear();
    return field;
  }

  ConsolePage waitFor(By element) {
    await().atMost(WAIT).until(() -> !driver().findElements(element).isEmpty());
    return this;
  }

  /** Waits until {@code element}'s text is {@code text}. */
  public ConsolePage waitForText(By element, String text) {
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () ->
                driver().findElements(element).stream().anyMatch(e -> e.getText().contains(text)));
    return this;
  }

  /** Clicks {@code element}, finding it again if an Ajax update replaced it meanwhile. */
  ConsolePage click(By element) {
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              driver().findElement(element).click();
              return true;
            });
    return this;
  }

  /** Clicks {@code button} and waits until the Ajax requests it started have been answered. */
  ConsolePage clickAndSettle(By button) {
    click(button);
    return settle();
  }

  /** Waits until the Ajax requests the page started have been answered. */
  private ConsolePage settle() {
    await()
        .atMost(WAIT)
        .until(
            () ->
                Boolean.TRUE.equals(
                    driver()
                        .executeScript(
                            "return !window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty()")));
    return this;
  }

  /**
   * Picks {@code label} in the filtered menu {@code menuId}, typing {@code filter} first so that
   * the item is in view however many the menu holds, then waits for the Ajax update it starts.
   */
  ConsolePage choose(String menuId, String filter, String label) {
    click(By.id(menuId));
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              driver().findElement(By.id(menuId + "_filter")).sendKeys(filter);
              return true;
            });
    clickAndSettle(By.cssSelector("[id='" + menuId + "_items'] li[data-label='" + label + "']"));
    await().atMost(WAIT).until(() -> text(By.id(menuId + "_label")).equals(label));
    return this;
  }

  /**
   * The values the dashboard's chart {@code id} (a {@code p:chart}) draws for the point figure
   * {@code field}, oldest first, null for a gap; as drawn, or as configured until it is drawn.
   */
  @SuppressWarnings("unchecked")
  List<Double> chartValues(String id, String field) {
    List<Object> values =
        (List<Object>)
            driver()
                .executeScript(
                    "var widget = PrimeFaces.widgets['widget_' + arguments[0].replace(/-/g, '_')];"
                        + " var field = arguments[1];"
                        + " var data = (widget.chart ? widget.chart.data : widget.cfg.config.data);"
                        + " return data.datasets.filter(function (d) { return d.field === field; })[0]"
                        + ".data.map(function (p) { return p.y; });",
                    id,
                    field);
    return values.stream().map(v -> v == null ? null : ((Number) v).doubleValue()).toList();
  }

  /** Where the dashboard's chart {@code id} starts its time axis (epoch ms). */
  long chartStart(String id) {
    return ((Number)
            driver()
                .executeScript(
                    "var widget = PrimeFaces.widgets['widget_' + arguments[0].replace(/-/g, '_')];"
                        + " return (widget.chart ? widget.chart.options"
                        + " : widget.cfg.config.options).scales.x.min;",
                    id))
        .longValue();
  }

  /** A number as the console shows it ({@code 1,234}); -1 for a dash or nothing. */
  long number(By element) {
    String digits = text(element).replaceAll("[^0-9]", "");
    return digits.isEmpty() ? -1 : Long.parseLong(digits);
  }

  /** The text of {@code element}, found again if a live update replaced it meanwhile. */
  String text(By element) {
    return await()
        .atMost(WAIT)
        .ignoreException(StaleElementReferenceException.class)
        .until(() -> driver().findElement(element).getText(), text -> true);
  }

  /** The path of the page shown, from the context root, with its query. */
  String path() {
    return driver().getCurrentUrl().substring(base.toString().length() - 1);
  }
}

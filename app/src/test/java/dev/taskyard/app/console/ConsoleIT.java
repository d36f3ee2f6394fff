package dev.taskyard.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.Browser;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.redis.QueueKeys;
import dev.taskyard.core.worker.WorkerPool;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The console in a real headless Chromium, on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {
  private static final String ADMIN = ApiClient.ADMIN_USER;
  private static final String ADMIN_PASSWORD = ApiClient.ADMIN_PASSWORD;
  private static Browser browser;

  @ArquillianResource URL base;

  private ConsolePage console;
  private final List<String> queues = new ArrayList<>();

  @Deployment(testable = false)
  static WebArchive app() {
    return TestStack.war().addAsWebResource("console/csp-check.xhtml", "csp-check.xhtml");
  }

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    browser.close();
  }

  @BeforeEach
  void freshSession() {
    console = new ConsolePage(browser, base).freshSession();
  }

  @AfterEach
  void noBrowserErrors() {
    assertThat(browser.errors()).isEmpty();
  }

  @AfterEach
  void removeQueues() {
    if (queues.isEmpty()) {
      return;
    }
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
      queues.forEach(queue -> ItQueues.delete(taskyard, queue));
    }
  }

  private String newQueue() {
    String queue = ItQueues.random();
    queues.add(queue);
    return queue;
  }

  @Test
  void theConsoleAddressOpensOnTheSignInPageWhichRefusesAWrongPasswordPlainly() {
    console.open("");

    assertThat(console.path()).startsWith("/sign-in.xhtml");
    assertThat(console.driver().getTitle()).isEqualTo("Sign in · Taskyard");

    console.signIn(ADMIN, "not-the-password");

    console.waitForText(By.id("sign-in:refusal"), "Wrong user name or password.");
    assertThat(console.driver().findElements(By.id("user-menu"))).isEmpty();
  }

  @Test
  void signingInLeadsToThePageAskedForAndSigningOutEndsTheSession() {
    console.open("console/tokens/list.xhtml");
    assertThat(console.path()).startsWith("/sign-in.xhtml?next=");

    console.signIn(ADMIN, ADMIN_PASSWORD).waitFor(By.id("user-menu:user-name"));

    assertThat(console.path()).isEqualTo("/console/tokens/list.xhtml");
    assertThat(console.text(By.id("user-menu:user-name"))).isEqualTo(ADMIN);
    assertThat(console.text(By.id("user-menu:user-role"))).isEqualTo("admin");

    console.signOut();
    assertThat(console.text(By.id("signed-out"))).isEqualTo("You are signed out.");
    console.open("console/");
    assertThat(console.path()).startsWith("/sign-in.xhtml");
  }

  @Test
  void aSignInNeverLeadsToAnotherSite() {
    console.open("sign-in.xhtml?next=https://example.org/");
    console.signIn(ADMIN, ADMIN_PASSWORD).waitFor(By.id("user-menu:user-name"));

    assertThat(console.path()).isEqualTo("/console/");
  }

  @Test
  void aViewerIsNeitherOfferedNorShownTheUsersPage() {
    console.signedInAs("it-viewer", "it-viewer-secret");

    assertThat(console.driver().findElements(By.id("nav-users"))).isEmpty();
    assertThat(console.text(By.id("user-menu:user-role"))).isEqualTo("viewer");
    console.open("console/users/list.xhtml");
    assertThat(console.driver().getPageSource()).contains("Forbidden").doesNotContain("Add user");
    assertThat(browser.errors()).singleElement().asString().contains("403");
  }

  @Test
  void anAdministratorAddsAUserInTheConsoleWhoThenSignsIn() {
    String name = "c-" + UUID.randomUUID().toString().substring(0, 8);
    console.signedInAs(ADMIN, ADMIN_PASSWORD).open("console/users/list.xhtml");

    console.field("add:name").sendKeys(name);
    console.field("add:password").sendKeys("short");
    console.driver().findElement(By.id("add:create")).click();
    console.waitForText(By.id("messages"), "password: must be 12 to 128 characters");

    console.field("add:name").sendKeys(name);
    console.field("add:password").sendKeys("a console password");
    console.driver().findElement(By.id("add:create")).click();
    console.waitForText(By.id("users:table"), name);

    console.signOut().signIn(name, "a console password").waitFor(By.id("user-menu:user-name"));
    assertThat(console.text(By.id("user-menu:user-role"))).isEqualTo("viewer");
  }

  @Test
  void theAuditLogShowsWhatWasDoneInTheConsoleAndThroughTheApi() {
    String name = "a-" + UUID.randomUUID().toString().substring(0, 8);
    String queue = newQueue();
    submit(queue);
    console.signedInAs(ADMIN, ADMIN_PASSWORD).open("console/users/list.xhtml");
    console.field("add:name").sendKeys(name);
    console.field("add:password").sendKeys("an audited password");
    console.driver().findElement(By.id("add:create")).click();
    console.waitForText(By.id("users:table"), name);
    console
        .driver()
        .findElement(
            By.xpath(
                "//tr[td[normalize-space()='" + name + "']]//button[normalize-space()='Disable']"))
        .click();
    console.waitForText(By.id("users:table"), "disabled");
    assertThat(
            ApiClient.asAdmin(base).post("api/queue/queues/" + queue + "/pause", null).statusCode())
        .isEqualTo(204);

    console.open("console/audit/list.xhtml");
    auditShows(name, "user.create");
    assertThat(console.text(By.id("entries:table")))
        .contains("user.change")
        .contains("\"enabled\":true")
        .contains("\"enabled\":false")
        .contains("admin")
        .doesNotContain("an audited password");
    auditShows(queue, "queue.pause");
  }

  /** Filters the audit log page by {@code target} until it lists {@code action}. */
  private void auditShows(String target, String action) {
    console.field("filters:target").sendKeys(target);
    await()
        .atMost(ConsolePage.WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              console.clickAndSettle(By.id("filters:search"));
              return console.text(By.id("entries:table")).contains(action);
            });
  }

  @Test
  void aPersonMakesATokenSeesItsSecretOnceUsesItAndRevokesIt() throws Exception {
    console.signedInAs("it-operator", "it-operator-secret").open("console/tokens/list.xhtml");

    console.field("make:name").sendKeys("<script>alert(1)</script>");
    console.driver().findElement(By.id("make:create")).click();
    console.waitFor(By.id("value"));
    String secret = console.text(By.id("value"));
    assertThat(secret).startsWith("ty_");
    console.waitForText(By.id("tokens:table"), "<script>alert(1)</script>");

    ApiClient script = ApiClient.withAuthorization(base, "Bearer " + secret);
    assertThat(script.get("api/queue/status").statusCode()).isEqualTo(200);

    console.open("console/tokens/list.xhtml");
    assertThat(console.driver().findElements(By.id("value"))).isEmpty();
    console.driver().findElement(By.cssSelector("#tokens\\:table button")).click();
    console.driver().findElement(By.cssSelector(".ui-confirmdialog-yes")).click();
    console.waitForText(By.id("tokens:table"), "You have no API tokens.");
    await()
        .atMost(ConsolePage.WAIT)
        .until(() -> script.get("api/queue/status").statusCode() == 401);
  }

  @Test
  void aTaskSubmittedThroughTheApiAppearsOnTheDashboardWithoutAReload() {
    String queue = newQueue();
    console.signedInAs("it-viewer", "it-viewer-secret").open("console/");
    console.waitForText(By.id("ty-live"), "Live");
    console.driver().executeScript("window.sameDocument = true");

    submit(queue);
    console.waitForText(card(queue, "queued"), "1");
    submit(queue);
    console.waitForText(card(queue, "queued"), "2");

    assertThat(console.driver().executeScript("return window.sameDocument")).isEqualTo(true);
    assertThat(console.text(card(queue, "name"))).isEqualTo(queue);
  }

  @Test
  void aBrokenConnectionIsMadeAgainAndCatchesUpOnWhatItMissed() {
    String queue = newQueue();
    submit(queue);
    console.signedInAs("it-viewer", "it-viewer-secret").open("console/");
    console.waitForText(card(queue, "queued"), "1").waitForText(By.id("ty-live"), "Live");

    console.driver().executeScript("window.taskyardLive.socket.close()");
    submit(queue);
    submit(queue);

    console.waitForText(card(queue, "queued"), "3").waitForText(By.id("ty-live"), "Live");
  }

  @Test
  void anOperatorPausesAndResumesAQueueOnItsCardWhichAViewerIsNotOffered() {
    String queue = newQueue();
    submit(queue);
    console.signedInAs("it-operator", "it-operator-secret").open("console/");
    console.waitForText(card(queue, "queued"), "1").waitForText(By.id("ty-live"), "Live");

    console.driver().findElement(button(queue, "pause")).click();
    console.waitForText(By.id("messages"), queue + " paused");
    await()
        .atMost(ConsolePage.WAIT)
        .until(() -> console.driver().findElement(card(queue, "paused")).isDisplayed());
    console.driver().findElement(button(queue, "resume")).click();
    await()
        .atMost(ConsolePage.WAIT)
        .until(() -> !console.driver().findElement(card(queue, "paused")).isDisplayed());
    assertThat(console.driver().findElement(button(queue, "pause")).isDisplayed()).isTrue();

    console.signedInAs("it-viewer", "it-viewer-secret").open("console/");
    console.waitForText(card(queue, "queued"), "1");
    assertThat(console.driver().findElements(button(queue, "pause"))).isEmpty();
    assertThat(console.driver().findElements(button(queue, "drain"))).isEmpty();
  }

  @Test
  void theChartsDrawTheHistoryOfAWorkloadAndEachNewSampleExtendsThemWithoutAReload() {
    String queue = newQueue();
    submit(queue);
    console.signedInAs("it-viewer", "it-viewer-secret").open("console/?range=15m&queue=" + queue);
    console.waitForText(By.id("ty-live"), "Live");
    console.driver().executeScript("window.sameDocument = true");
    assertThat(console.driver().findElement(By.id("queue-filter")).getAttribute("value"))
        .isEqualTo(queue);
    // Every chart is drawn, with a point per step of the range, data or not.
    Map.of(
            "chart-throughput", "throughput",
            "chart-errors", "errorRate",
            "chart-duration", "p95",
            "chart-wait", "waitP95",
            "chart-depth", "queued")
        .forEach(
            (chart, field) -> assertThat(console.chartValues(chart, field)).hasSizeGreaterThan(25));
    assertThat(drawn(console.chartValues("chart-throughput", "throughput"))).isLessThanOrEqualTo(0);

    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url());
        WorkerPool pool =
            taskyard.workerPool().queue(queue, 2).handler("it.live", t -> null).start()) {
      for (int i = 0; i < 4; i++) {
        submit(queue);
      }
      // The IT server samples every second; each stored sample extends the charts in place.
      await()
          .atMost(ConsolePage.WAIT)
          .ignoreExceptions()
          .until(() -> drawn(console.chartValues("chart-throughput", "throughput")) > 0);
      await()
          .atMost(ConsolePage.WAIT)
          .ignoreExceptions()
          .until(() -> drawn(console.chartValues("chart-duration", "p50")) >= 0);
    }
    assertThat(console.driver().executeScript("return window.sameDocument")).isEqualTo(true);

    // Opened afresh, the page draws the same history from PostgreSQL, and so for all queues.
    console.open("console/?range=15m&queue=" + queue);
    assertThat(drawn(console.chartValues("chart-throughput", "throughput"))).isPositive();
    console.open("console/?range=15m");
    assertThat(drawn(console.chartValues("chart-throughput", "throughput"))).isPositive();
  }

  /** The highest value a chart's line draws; -1 when it draws nothing yet. */
  private static double drawn(List<Double> values) {
    return values.stream().filter(v -> v != null).mapToDouble(v -> v).max().orElse(-1);
  }

  @Test
  void choosingARangeOrAQueueChangesTheAddressAndTheCharts() {
    String queue = newQueue();
    submit(queue);
    console.signedInAs("it-viewer", "it-viewer-secret").open("console/");
    long hour = console.chartStart("chart-depth");
    assertThat(console.driver().findElement(By.id("range-1h")).getAttribute("aria-current"))
        .isEqualTo("true");

    console.click(By.id("range-24h"));
    await().atMost(ConsolePage.WAIT).until(() -> console.path().equals("/console/?range=24h"));
    long day = console.chartStart("chart-depth");
    assertThat(hour - day).isGreaterThanOrEqualTo(Duration.ofHours(22).toMillis());
    assertThat(console.driver().findElement(By.id("range-24h")).getAttribute("aria-current"))
        .isEqualTo("true");

    console.click(By.cssSelector("#queue-filter option[value='" + queue + "']"));
    await()
        .atMost(ConsolePage.WAIT)
        .until(() -> console.path().equals("/console/?range=24h&queue=" + queue));
    console.click(By.id("range-7d"));
    await()
        .atMost(ConsolePage.WAIT)
        .until(() -> console.path().equals("/console/?range=7d&queue=" + queue));

    console.open("console/?range=2w&queue=no-such-queue");
    console.waitForText(By.id("messages"), "range: must be one of 15m, 1h, 6h, 24h, 7d, 30d");
    console.waitForText(By.id("messages"), "queue: no queue named no-such-queue");
    assertThat(console.driver().findElement(By.id("range-1h")).getAttribute("aria-current"))
        .isEqualTo("true");
  }

  @Test
  void theHeaderTotalsAndACardsDayAndAlertsChangeLiveAsItsTasksSucceed() {
    String queue = newQueue();
    submit(queue);
    submit(queue);
    console.signedInAs("it-viewer", "it-viewer-secret").open("console/");
    console.waitForText(By.id("ty-live"), "Live").waitForText(card(queue, "queued"), "2");
    console.driver().executeScript("window.sameDocument = true");
    // Tasks queued where no worker serves: an alert, on the card and in the header.
    console.waitForText(card(queue, "alerts"), "1");
    await().atMost(ConsolePage.WAIT).ignoreExceptions().until(this::totalsMatchTheCards);
    assertThat(console.number(By.cssSelector("[data-total=openAlerts]"))).isPositive();
    assertThat(console.text(card(queue, "done"))).isEqualTo("0");
    assertThat(console.text(card(queue, "success"))).isEqualTo("–");

    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url());
        WorkerPool pool =
            taskyard.workerPool().queue(queue, 2).handler("it.live", t -> null).start()) {
      console.waitForText(card(queue, "done"), "2");
      console.waitForText(card(queue, "success"), "100.0 %");
      console.waitForText(card(queue, "queued"), "0");
      console.waitForText(card(queue, "alerts"), "0");
      await().atMost(ConsolePage.WAIT).ignoreExceptions().until(this::totalsMatchTheCards);
    }
    assertThat(console.driver().executeScript("return window.sameDocument")).isEqualTo(true);
    assertThat(console.driver().findElement(By.id("total-dead")).getAttribute("href"))
        .endsWith("/console/tasks/dead-letters.xhtml");

    // Drawn by the server, the card says the same.
    console.open("console/");
    assertThat(console.text(card(queue, "done"))).isEqualTo("2");
    assertThat(console.text(card(queue, "success"))).isEqualTo("100.0 %");
    assertThat(
            console
                .driver()
                .findElement(card(queue, "done"))
                .findElement(By.xpath(".."))
                .getAttribute("title"))
        .startsWith("Since midnight in your time zone (");
  }

  /** Whether the header's totals are those of the cards added up. */
  private boolean totalsMatchTheCards() {
    for (String field : List.of("queued", "running", "dead")) {
      long cards =
          console
              .driver()
              .findElements(By.cssSelector("#cards [data-field=" + field + "]"))
              .stream()
              .mapToLong(e -> Long.parseLong("0" + e.getText().replaceAll("[^0-9]", "")))
              .sum();
      if (console.number(By.cssSelector("[data-total=" + field + "]")) != cards) {
        return false;
      }
    }
    return true;
  }

  /**
   * Saves each page in both themes to {@code docs/screenshots/}, where the README shows them: the
   * pictures are made by this test, so they show the console as it is.
   */
  @Test
  void screenshotsOfEveryPageInBothThemes() throws Exception {
    Path folder =
        Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("screenshots");
    Files.createDirectories(folder);
    for (String name : List.of("emails", "reports", "thumbnails")) {
      String queue = "shot-" + name;
      queues.add(queue);
      for (int i = 0; i <= name.length() % 4; i++) {
        submit(queue);
      }
    }
    // A task waiting on a chain with fan-in, for the task page's graph.
    String parent = submitTask("shot-reports", "report.fetch", List.of());
    String middle = submitTask("shot-reports", "report.build", List.of(parent));
    String waiting = submitTask("shot-reports", "report.send", List.of(parent, middle));
    submitTask("shot-reports", "report.archive", List.of(waiting));
    browser.driver().manage().window().setSize(new Dimension(1280, 860));
    console.open("");
    shoot(folder, "sign-in");
    console.signedInAs(ADMIN, ADMIN_PASSWORD);
    for (int theme = 0; theme < 2; theme++) {
      String mode = bodyClass().contains("ty-theme-dark") ? "dark" : "light";
      for (String page :
          List.of(
              "console/",
              "console/tasks/list.xhtml",
              "console/queues/edit.xhtml?queue=shot-emails",
              "console/tasks/active.xhtml",
              "console/tasks/dead-letters.xhtml",
              "console/tasks/detail.xhtml?id=" + waiting,
              "console/schedules/list.xhtml",
              "console/workers/list.xhtml",
              "console/notifications/list.xhtml",
              "console/tokens/list.xhtml",
              "console/users/list.xhtml",
              "console/audit/list.xhtml")) {
        console.open(page).waitFor(By.id("user-menu:user-name"));
        if (page.equals("console/")) {
          console.waitForText(By.id("ty-live"), "Live");
          await()
              .atMost(ConsolePage.WAIT)
              .until(
                  () ->
                      Boolean.TRUE.equals(
                          console
                              .driver()
                              .executeScript(
                                  "return !!PrimeFaces.widgets.widget_chart_depth.chart")));
        }
        shoot(folder, pageName(page) + "-" + mode);
      }
      console.driver().findElement(By.id("user-menu:theme")).click();
      await().atMost(ConsolePage.WAIT).until(() -> !bodyClass().contains("ty-theme-" + mode));
    }
  }

  /**
   * {@code dashboard}, a folder's list page by its folder, the task page {@code task}, other pages
   * by their name.
   */
  private static String pageName(String path) {
    if (path.equals("console/")) {
      return "dashboard";
    }
    String[] parts = path.split("\\?")[0].split("/");
    String page = parts[parts.length - 1].replace(".xhtml", "");
    return switch (page) {
      case "list" -> parts[1];
      case "edit" -> parts[1] + "-edit";
      case "detail" -> "task";
      default -> page;
    };
  }

  private void shoot(Path folder, String name) throws Exception {
    byte[] png = console.driver().getScreenshotAs(OutputType.BYTES);
    Files.write(folder.resolve(name + ".png"), png);
  }

  /** Opens {@code page} as an operator once its live feed is connected. */
  private void openLive(String page) {
    console.signedInAs("it-operator", "it-operator-secret").open(page);
    console.waitForText(By.id("ty-live"), "Live");
  }

  @Test
  void anAlertPopsUpOnThePageAndIsAcknowledgedOnTheNotificationsPage() {
    openLive("console/notifications/list.xhtml");
    String queue = newQueue();

    submit(queue);

    console.waitForText(By.id("ty-toasts"), queue);
    console.waitForText(By.id("notifications:table"), queue);
    console
        .driver()
        .findElement(
            By.xpath(
                "//tr[td[contains(., '" + queue + "')]]//button[normalize-space()='Acknowledge']"))
        .click();
    console.waitForText(By.id("notifications:table"), "it-operator, ");
    assertThat(ApiClient.asAdmin(base).get("api/queue/alerts?queue=" + queue).body())
        .contains("\"acknowledgedBy\":\"it-operator\"");
  }

  @Test
  void theWorkersPageListsEveryLiveNodeWithItsThreadsAndTasksChangingWithoutAReload() {
    String queue = newQueue();
    CountDownLatch release = new CountDownLatch(1);
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url());
        WorkerPool pool =
            taskyard
                .workerPool()
                .queue(queue, 3)
                .handler(
                    "it.held",
                    t -> {
                      release.await();
                      return null;
                    })
                .start()) {
      console.signedInAs("it-viewer", "it-viewer-secret").open("console/workers/list.xhtml");
      console.waitForText(By.id("ty-live"), "Live");
      console.waitForText(By.id("workers:table"), pool.workerId());
      By row = By.xpath("//tr[td[contains(., '" + pool.workerId() + "')]]");
      assertThat(console.text(row)).contains(queue + ": 0 / 3");
      markPage();

      String id = taskyard.producer().submit(queue, TaskRequest.of("it.held", "{}")).id();

      console.waitForText(row, queue + ": 1 / 3");
      console.waitForText(row, id);
      release.countDown();
      console.waitForText(row, queue + ": 0 / 3");
      assertThat(console.text(row)).doesNotContain(id);
      assertPageNotReloaded();
    } finally {
      release.countDown();
    }
  }

  @Test
  void anOperatorScalesAQueuesWorkersOnItsPageAndSeesEachNodeResize() {
    String queue = newQueue();
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url());
        WorkerPool pool =
            taskyard.workerPool().queue(queue, 2).handler("it.none", t -> null).start()) {
      String page = "console/queues/edit.xhtml?queue=" + queue;
      By nodes = By.id("order:node-threads");
      console.signedInAs("it-operator", "it-operator-secret").open(page);
      console.waitForText(nodes, pool.workerId());
      assertThat(console.text(nodes)).contains("0 / 2");

      console.field("setting-workers.threads").sendKeys("4");
      console.clickAndSettle(By.id("settings:save"));
      console.waitForText(By.id("messages"), "Settings saved");

      // The pool resizes on its next heartbeat; the page shows what the heartbeats say.
      await()
          .atMost(ConsolePage.WAIT)
          .until(() -> console.open(page).text(nodes).contains("0 / 4"));
    }
  }

  @Test
  void aLostWorkerNodeShowsAsLostOnTheWorkersPageWithoutAReload() {
    String queue = newQueue();
    String node = "it-node-" + UUID.randomUUID();
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
      WorkerPool pool = taskyard.workerPool().workerId(node).queue(queue, 2).start();
      console.signedInAs("it-viewer", "it-viewer-secret").open("console/workers/list.xhtml");
      console.waitForText(By.id("ty-live"), "Live");
      console.waitForText(By.id("workers:table"), node);
      By row = By.xpath("//tr[td[contains(., '" + node + "')]]");
      assertThat(console.text(row)).contains(queue + ": 0 / 2").doesNotContain("lost");
      markPage();

      pool.halt();

      console.waitFor(
          By.xpath("//tr[contains(@class, 'ty-lost')][td[contains(., '" + node + "')]]"));
      assertThat(console.text(row)).contains("lost").contains(queue + ": 0 / 2");
      assertPageNotReloaded();
      // Back and gone properly, so that no lost node is left behind for the other tests.
      taskyard.workerPool().workerId(node).queue(queue, 1).start().close();
    }
  }

  @Test
  void theSchedulesPageShowsAScheduleFiringWithoutAReload() {
    String queue = newQueue();
    console.signedInAs("it-viewer", "it-viewer-secret").open("console/schedules/list.xhtml");
    console.waitForText(By.id("ty-live"), "Live");
    markPage();
    ApiClient api = ApiClient.asAdmin(base);
    String schedule =
        """
        {"queue":"%s","name":"often","cron":"* * * * * *","zone":"UTC",
         "task":{"type":"it.often","payload":{}}}"""
            .formatted(queue);
    assertThat(api.post("api/queue/schedules", schedule).statusCode()).isEqualTo(201);
    try {
      // The schedule appears, then its next and last fire times move on with every firing.
      By row = By.xpath("//tr[td[normalize-space()='" + queue + "']]");
      console.waitForText(row, "often");
      String first = console.text(row);

      await().atMost(ConsolePage.WAIT).until(() -> !console.text(row).equals(first));
      assertPageNotReloaded();
    } finally {
      api.delete("api/queue/schedules/" + queue + "/often");
    }
  }

  /** Marks the page in the browser: a reload would lose the mark. */
  private void markPage() {
    console.driver().executeScript("window.tyNotReloaded = true;");
  }

  private void assertPageNotReloaded() {
    assertThat(console.driver().executeScript("return window.tyNotReloaded === true;"))
        .isEqualTo(true);
  }

  @Test
  void anOperatorCreatesEditsAndPausesASchedule() {
    String queue = newQueue();
    console.signedInAs("it-operator", "it-operator-secret").open("console/schedules/list.xhtml");

    console.field("edit:queue").sendKeys(queue);
    console.field("edit:name").sendKeys("nightly");
    console.field("edit:cron").sendKeys("61 * * * *");
    console.field("edit:type").sendKeys("report.build");
    console.driver().findElement(By.id("edit:save")).click();
    console.waitForText(By.id("messages"), "cron");

    console.field("edit:cron").sendKeys("0 2 * * *");
    console.driver().findElement(By.id("edit:save")).click();
    console.waitForText(By.id("schedules:table"), queue);
    assertThat(console.text(By.id("schedules:table"))).contains("nightly").contains("0 2 * * *");

    By row = By.xpath("//tr[td[normalize-space()='" + queue + "']]");
    console
        .driver()
        .findElement(row)
        .findElement(By.xpath(".//button[normalize-space()='Edit']"))
        .click();
    await()
        .atMost(ConsolePage.WAIT)
        .until(() -> console.driver().findElement(By.id("edit:save")).getText().equals("Save"));
    console.field("edit:cron").sendKeys("30 3 * * *");
    console.driver().findElement(By.id("edit:save")).click();
    console.waitForText(By.id("schedules:table"), "30 3 * * *");

    console
        .driver()
        .findElement(row)
        .findElement(By.xpath(".//button[normalize-space()='Pause']"))
        .click();
    console.waitForText(row, "paused");
    assertThat(ApiClient.asAdmin(base).get("api/queue/schedules/" + queue + "/nightly").body())
        .contains("\"paused\":true")
        .contains("30 3 * * *");
  }

  @Test
  void anOperatorFindsATaskOpensItSeesItsPayloadAsTextAndCancelsAndRetriesIt() {
    String queue = newQueue();
    String id =
        ApiClient.json(
                ApiClient.asAdmin(base)
                    .post(
                        "api/queue/tasks",
                        "{\"queue\":\""
                            + queue
                            + "\",\"type\":\"it.page\",\"payload\":{\"html\":\"<script>alert(1)</script>\"}}"))
            .asJsonObject()
            .getString("id");
    console.signedInAs("it-operator", "it-operator-secret").open("console/tasks/list.xhtml");

    console.field("filters:queue").sendKeys(queue);
    await()
        .atMost(ConsolePage.WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              console.clickAndSettle(By.id("filters:search"));
              return console.text(By.id("tasks:table")).contains(id);
            });
    console.click(By.linkText(id));
    console.waitForText(By.id("task-state"), "QUEUED");
    assertThat(console.text(By.id("payload"))).contains("\"html\": \"<script>alert(1)</script>\"");

    console.driver().findElement(By.id("actions:cancel")).click();
    console.waitForText(By.id("task-state"), "CANCELLED");
    console.driver().findElement(By.id("actions:retry")).click();
    console.waitForText(By.id("task-state"), "QUEUED");
    console.waitForText(By.id("messages"), "retried");
  }

  @Test
  void aTasksPageShowsItsCpuTimeMemoryAllocatedWaitAndRunTime() {
    String queue = newQueue();
    int tenMiB = 10 * 1024 * 1024;
    String id;
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
      id = taskyard.producer().submit(queue, TaskRequest.of("it.allocate", "{}")).id();
      try (WorkerPool pool =
          taskyard
              .workerPool()
              .queue(queue, 1)
              .handler("it.allocate", task -> "{\"bytes\":" + new byte[tenMiB].length + "}")
              .start()) {
        await()
            .atMost(ConsolePage.WAIT)
            .until(
                () -> taskyard.tasks().find(queue, id).orElseThrow().allocatedBytes().isPresent());
      }

      console
          .signedInAs("it-viewer", "it-viewer-secret")
          .open("console/tasks/detail.xhtml?id=" + id);

      console.waitForText(By.id("task-state"), "SUCCEEDED");
      String allocated = console.text(By.id("task-allocated"));
      String cpu = console.text(By.id("task-cpu"));
      assertThat(allocated).matches("\\d+\\.\\d MiB");
      assertThat(cpu).matches("\\d+(\\.\\d)? (µs|ms|s)");
      assertThat(console.text(By.id("task-run"))).isNotBlank();
      assertThat(console.text(By.id("task-wait"))).isNotBlank();

      // Past its Redis retention the page shows them from the history.
      await()
          .atMost(ConsolePage.WAIT)
          .until(
              () -> ApiClient.asAdmin(base).get("api/queue/tasks?q=" + id).body(),
              body -> body.contains("\"allocatedBytes\""));
      taskyard.redisson().getKeys().delete(new QueueKeys(queue).task(id));
      console.open("console/tasks/detail.xhtml?id=" + id);
      console.waitForText(By.id("task-state"), "SUCCEEDED");
      assertThat(console.text(By.id("task-allocated"))).isEqualTo(allocated);
      assertThat(console.text(By.id("task-cpu"))).isEqualTo(cpu);
    }
  }

  @Test
  void theTaskPageDrawsTheDependencyGraphWithTheBlockingPathAndEachTaskOpensItsPage() {
    String queue = newQueue();
    String a = submitTask(queue, "it.a", List.of());
    String b = submitTask(queue, "it.b", List.of(a));
    String c = submitTask(queue, "it.c", List.of(b));
    String d = submitTask(queue, "it.fan-in", List.of(b, c));

    console.signedInAs("it-viewer", "it-viewer-secret").open("console/tasks/detail.xhtml?id=" + d);

    console.waitFor(By.cssSelector("#graph a[data-task]"));
    assertThat(console.driver().findElements(By.cssSelector("#graph a[data-task]")))
        .extracting(e -> e.getDomAttribute("data-task"))
        .containsExactlyInAnyOrder(a, b, c, d);
    String drawn = console.driver().findElement(By.id("graph")).getDomProperty("textContent");
    assertThat(drawn)
        .contains(a.substring(28), b.substring(28), c.substring(28), d.substring(28))
        .contains("it.fan-in", "QUEUED", "WAITING");
    assertThat(
            console.driver().findElements(By.cssSelector("#graph a[data-task] .ty-node-blocking")))
        .hasSize(3);
    assertThat(console.driver().findElements(By.cssSelector("#graph .ty-edge-blocking")))
        .hasSize(4);
    assertThat(
            console
                .driver()
                .findElement(By.cssSelector("#graph a[data-task='" + a + "'] g"))
                .getDomAttribute("class"))
        .contains("ty-node-QUEUED", "ty-node-blocking");
    assertThat(console.text(By.id("graph-blocking"))).contains("Waiting on 3 unfinished tasks");

    console.click(By.cssSelector("#graph a[data-task='" + a + "']"));

    console.waitForText(By.id("task-id"), a);
    assertThat(console.text(By.id("task-state"))).isEqualTo("QUEUED");
    console.waitFor(By.cssSelector("#graph a[data-task='" + d + "']"));
    assertThat(console.driver().findElements(By.cssSelector("#graph .ty-node-blocking"))).isEmpty();
  }

  /** Submits a task through the API, depending on {@code parents} of the same queue. */
  private String submitTask(String queue, String type, List<String> parents) {
    String dependsOn =
        parents.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",", "[", "]"));
    HttpResponse<String> submitted =
        ApiClient.asAdmin(base)
            .post(
                "api/queue/tasks",
                "{\"queue\":\""
                    + queue
                    + "\",\"type\":\""
                    + type
                    + "\",\"payload\":{},\"dependsOn\":"
                    + dependsOn
                    + "}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    return ApiClient.json(submitted).asJsonObject().getString("id");
  }

  @Test
  void anOperatorRetriesASelectionOfTasksInOneGo() {
    String queue = newQueue();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String id =
          ApiClient.json(
                  ApiClient.asAdmin(base)
                      .post(
                          "api/queue/tasks",
                          "{\"queue\":\"" + queue + "\",\"type\":\"it.bulk\",\"payload\":{}}"))
              .asJsonObject()
              .getString("id");
      ApiClient.asAdmin(base).post("api/queue/task/" + id + "/cancel?queue=" + queue, null);
      ids.add(id);
    }
    console.signedInAs("it-operator", "it-operator-secret").open("console/tasks/list.xhtml");
    console.field("filters:queue").sendKeys(queue);
    await()
        .atMost(ConsolePage.WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              console.clickAndSettle(By.id("filters:search"));
              String table = console.text(By.id("tasks:table"));
              return ids.stream().allMatch(table::contains) && !table.contains("QUEUED");
            });

    console.driver().findElement(By.cssSelector("#tasks\\:table thead .ui-chkbox-box")).click();
    console.driver().findElement(By.id("tasks:retry")).click();

    console.waitForText(By.id("messages"), "2 of 2 tasks retried");
    await()
        .atMost(ConsolePage.WAIT)
        .until(
            () ->
                ids.stream()
                    .allMatch(
                        id ->
                            ApiClient.asAdmin(base)
                                .get("api/queue/task/" + id)
                                .body()
                                .contains("\"state\":\"QUEUED\"")));
  }

  @Test
  void anOperatorRetriesEveryTaskTheFilterMatchesAndWhatCannotBeRetriedIsSkipped() {
    String queue = newQueue();
    ApiClient api = ApiClient.asAdmin(base);
    List<String> ended = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = submitThroughTheApi(queue);
      api.post("api/queue/task/" + id + "/cancel?queue=" + queue, null);
      ended.add(id);
    }
    String waiting = submitThroughTheApi(queue);
    await()
        .atMost(ConsolePage.WAIT)
        .until(
            () ->
                api.get("api/queue/tasks?state=CANCELLED&queue=" + queue)
                        .body()
                        .split("\"id\"")
                        .length
                    == 4);
    console.signedInAs("it-operator", "it-operator-secret").open("console/tasks/list.xhtml");
    console.field("filters:queue").sendKeys(queue);
    console.clickAndSettle(By.id("filters:search"));
    console.waitForText(By.id("tasks:table"), waiting);

    console.click(By.id("tasks:retry-matching"));
    console.clickAndSettle(By.cssSelector(".ui-confirmdialog-yes"));

    console.waitForText(
        By.id("messages"), "3 tasks retried; 1 skipped, as their state did not allow it.");
    for (String id : ended) {
      assertThat(api.get("api/queue/task/" + id).body()).contains("\"state\":\"QUEUED\"");
    }
    await()
        .atMost(ConsolePage.WAIT)
        .until(
            () -> {
              String audit = api.get("api/audit?action=tasks.bulk").body();
              return audit.contains("retry where queue=" + queue) && audit.contains(ended.get(0));
            });
  }

  private String submitThroughTheApi(String queue) {
    return ApiClient.json(
            ApiClient.asAdmin(base)
                .post(
                    "api/queue/tasks",
                    "{\"queue\":\"" + queue + "\",\"type\":\"it.bulk\",\"payload\":{}}"))
        .asJsonObject()
        .getString("id");
  }

  @Test
  void aPersonChoosesTheTaskListsColumnsWhichAreRememberedForThem() {
    By header = By.cssSelector("[id='tasks:table'] thead");
    console.signedInAs("it-viewer", "it-viewer-secret").open("console/tasks/list.xhtml");
    console.waitForText(header, "Error");

    toggleTaskColumn("Error");
    await().atMost(ConsolePage.WAIT).until(() -> !console.text(header).contains("Error"));
    console.open("console/tasks/list.xhtml").waitForText(header, "Queue");
    assertThat(console.text(header)).doesNotContain("Error");

    toggleTaskColumn("Error");
    console.waitForText(header, "Error");
    console.open("console/tasks/list.xhtml").waitForText(header, "Error");
  }

  /** Shows or hides a column of the task list with its column chooser. */
  private void toggleTaskColumn(String column) {
    console.click(By.id("tasks:columns"));
    console.click(
        By.xpath(
            "//li[contains(@class,'ui-columntoggler-item')][label[normalize-space()='"
                + column
                + "']]//div[contains(@class,'ui-chkbox-box')]"));
    console.clickAndSettle(By.id("tasks:columns")); // closes the chooser, which saves the choice
  }

  @Test
  void theFilteredTasksDownloadAsCsvAndJson() throws Exception {
    String queue = newQueue();
    List<String> ids = List.of(submitThroughTheApi(queue), submitThroughTheApi(queue));
    ApiClient api = ApiClient.asAdmin(base);
    await()
        .atMost(ConsolePage.WAIT)
        .until(() -> api.get("api/queue/tasks?queue=" + queue).body().contains(ids.get(1)));
    Path downloads = Files.createTempDirectory("taskyard-downloads");
    console
        .driver()
        .executeCdpCommand(
            "Browser.setDownloadBehavior",
            Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    console.signedInAs("it-viewer", "it-viewer-secret").open("console/tasks/list.xhtml");
    console.field("filters:queue").sendKeys(queue);
    console.clickAndSettle(By.id("filters:search"));
    console.waitForText(By.id("tasks:table"), ids.get(1));

    console.click(By.id("filters:csv"));
    String csv = downloaded(downloads.resolve("taskyard-tasks.csv"));
    assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,queue,type,state,");
    assertThat(csv.lines().count()).isEqualTo(3);
    assertThat(csv).contains(ids.get(0)).contains(ids.get(1));

    console.click(By.id("filters:json"));
    String json = downloaded(downloads.resolve("taskyard-tasks.json"));
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      assertThat(reader.readArray()).hasSize(2);
    }
    assertThat(json).contains(ids.get(0)).contains(ids.get(1));
  }

  /** The file's text once the browser has written it whole. */
  private static String downloaded(Path file) throws Exception {
    await()
        .atMost(ConsolePage.WAIT)
        .until(
            () ->
                Files.exists(file)
                    && !Files.exists(file.resolveSibling(file.getFileName() + ".crdownload")));
    return Files.readString(file);
  }

  @Test
  void aPersonSignsInAndPausesAQueueWithTheKeyboardAloneSeeingWhereTheFocusIs() {
    String queue = newQueue();
    submit(queue);
    console.open("console/");

    typeInto("sign-in:user", "it-operator");
    typeInto("sign-in:password", "it-operator-secret");
    keys(Keys.ENTER);
    console.waitFor(By.id("user-menu:user-name"));
    console.waitForText(card(queue, "queued"), "1").waitForText(By.id("ty-live"), "Live");

    WebElement pause = console.driver().findElement(button(queue, "pause"));
    tabTo(pause);
    keys(Keys.ENTER);
    console.waitForText(By.id("messages"), queue + " paused");

    tabTo(console.driver().findElement(By.id("nav-tasks")));
    keys(Keys.ENTER);
    console.waitFor(By.id("filters:queue"));
    assertThat(console.path()).startsWith("/console/tasks/list.xhtml");
  }

  /** Moves the focus with Tab to {@code id} and types {@code text}. */
  private void typeInto(String id, String text) {
    tabTo(console.driver().findElement(By.id(id)));
    keys(text);
  }

  /** Presses Tab until {@code element} has the focus, which must show. */
  private void tabTo(WebElement element) {
    for (int i = 0; i < 400 && !element.equals(console.driver().switchTo().activeElement()); i++) {
      keys(Keys.TAB);
    }
    WebElement focused = console.driver().switchTo().activeElement();
    assertThat(focused).isEqualTo(element);
    assertThat(
            !focused.getCssValue("outline-style").equals("none")
                || !focused.getCssValue("box-shadow").equals("none"))
        .as("the focus shows on %s", focused.getText())
        .isTrue();
  }

  private void keys(CharSequence... keys) {
    new Actions(console.driver()).sendKeys(keys).perform();
  }

  @Test
  void theNavigationOfAnAdministratorFitsOneLineAtLaptopWidth() {
    console.signedInAs(ADMIN, ADMIN_PASSWORD);
    console.open("console/").waitFor(By.id("nav-audit"));

    List<Integer> rows =
        console.driver().findElements(By.cssSelector(".ty-nav a")).stream()
            .map(link -> link.getRect().getY())
            .distinct()
            .toList();
    assertThat(rows).as("the lines the navigation takes at 1280 px").hasSize(1);
  }

  @Test
  void everyPageFitsATabletWithoutScrollingSideways() {
    String queue = newQueue();
    submit(queue);
    console.signedInAs(ADMIN, ADMIN_PASSWORD);
    List<String> wide = new ArrayList<>();
    try {
      for (Dimension size : List.of(new Dimension(768, 1024), new Dimension(1024, 768))) {
        console.driver().manage().window().setSize(size);
        for (String page :
            List.of(
                "console/",
                "console/tasks/list.xhtml",
                "console/tasks/active.xhtml",
                "console/tasks/submit.xhtml",
                "console/tasks/dead-letters.xhtml",
                "console/queues/edit.xhtml?queue=" + queue,
                "console/schedules/list.xhtml",
                "console/workers/list.xhtml",
                "console/notifications/list.xhtml",
                "console/tokens/list.xhtml",
                "console/users/list.xhtml",
                "console/audit/list.xhtml")) {
          console.open(page).waitFor(By.id("content"));
          Object sideways =
              console
                  .driver()
                  .executeScript(
                      "return document.documentElement.scrollWidth"
                          + " > document.documentElement.clientWidth");
          if (Boolean.TRUE.equals(sideways)) {
            wide.add(page + " at " + size.getWidth() + " px");
          }
        }
      }
    } finally {
      console.driver().manage().window().setSize(new Dimension(1280, 900));
    }
    assertThat(wide).as("pages wider than the screen").isEmpty();
  }

  @Test
  void theDashboardBreaksTasksDownByTypeAndItsTopErrorOpensTheTaskThatFailedWithIt() {
    String queue = newQueue();
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url());
        WorkerPool pool =
            taskyard
                .workerPool()
                .queue(queue, 2)
                .handler("it.fine", t -> null)
                .handler(
                    "it.slow",
                    t -> {
                      throw new IllegalStateException("timeout after 1234 ms");
                    })
                .start()) {
      taskyard.producer().submit(queue, TaskRequest.of("it.fine", "{}"));
      taskyard.producer().submit(queue, TaskRequest.of("it.fine", "{}"));
      String failed =
          taskyard
              .producer()
              .submit(queue, TaskRequest.of("it.slow", "{}").withMaxAttempts(1))
              .id();
      console.signedInAs("it-viewer", "it-viewer-secret");

      By fine = By.xpath("//*[@id='types']//tr[td[normalize-space()='it.fine']]");
      By slow = By.xpath("//*[@id='types']//tr[td[normalize-space()='it.slow']]");
      // Reloaded until the history has all three ended.
      await()
          .atMost(ConsolePage.WAIT)
          .ignoreExceptions()
          .until(
              () -> {
                console.open("console/?queue=" + queue);
                return console.text(fine).contains("100%") && console.text(slow).contains("0%");
              });
      assertThat(cells(fine)).containsSubsequence("it.fine", "2", "100%", "0");
      assertThat(cells(slow)).containsSubsequence("it.slow", "1", "0%", "1");
      By error = By.cssSelector("#errors a.ty-error-link");
      assertThat(console.text(error))
          .isEqualTo("java.lang.IllegalStateException: timeout after 1234 ms");
      assertThat(console.text(By.id("errors"))).contains("it.slow");

      console.click(error);

      console.waitFor(By.id("tasks:table"));
      assertThat(console.driver().findElement(By.id("filters:error")).getAttribute("value"))
          .isEqualTo("java.lang.IllegalStateException: timeout after * ms");
      assertThat(console.driver().findElements(By.cssSelector("[id='tasks:table'] tbody tr")))
          .singleElement()
          .satisfies(row -> assertThat(row.getText()).contains(failed).contains("FAILED"));
    }
  }

  @Test
  void aBadFilterInTheTaskListsAddressIsRefusedNamingIt() {
    console
        .signedInAs("it-viewer", "it-viewer-secret")
        .open("console/tasks/list.xhtml?from=yesterday");

    console.waitForText(By.id("messages"), "from: must be an ISO-8601 instant");
  }

  private List<String> cells(By row) {
    return console.driver().findElement(row).findElements(By.tagName("td")).stream()
        .map(td -> td.getText().trim())
        .toList();
  }

  @Test
  void anOperatorSubmitsATaskWhosePayloadIsCheckedAsItIsTyped() {
    String queue = newQueue();
    console.signedInAs("it-operator", "it-operator-secret").open("console/tasks/submit.xhtml");
    console.field("submit:queue").sendKeys(queue);
    console.field("submit:type").sendKeys("it.submitted");

    console.field("submit:payload").sendKeys("{\"n\": ");
    console.waitForText(By.id("payload-check"), "Not JSON yet");
    console.driver().findElement(By.id("submit:send")).click();
    console.waitForText(By.id("messages"), "payload: is not JSON");

    console.field("submit:payload").sendKeys("{\"n\": 1}");
    console.waitForText(By.id("payload-check"), "Valid JSON");
    console.driver().findElement(By.id("submit:send")).click();
    console.waitFor(By.id("submit:submitted"));
    console.driver().findElement(By.cssSelector("#submit\\:submitted a")).click();
    console.waitForText(By.id("task-state"), "QUEUED");
    assertThat(console.text(By.id("payload"))).contains("\"n\": 1");

    console.signedInAs("it-viewer", "it-viewer-secret");
    assertThat(console.driver().findElements(By.id("nav-submit"))).isEmpty();
    console.open("console/tasks/submit.xhtml");
    assertThat(console.driver().findElements(By.id("submit:send"))).isEmpty();
  }

  @Test
  void anOperatorSubmitsATaskToRunAtAChosenTimeButNotWithADelayToo() {
    String queue = newQueue();
    String tomorrow =
        LocalDateTime.now(ZoneOffset.UTC)
            .plusDays(1)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    console.signedInAs("it-operator", "it-operator-secret").open("console/tasks/submit.xhtml");
    console.field("submit:queue").sendKeys(queue);
    console.field("submit:type").sendKeys("it.later");
    console.field("submit:delay_input").sendKeys("1000");
    console.field("submit:run-at_input").sendKeys(tomorrow, Keys.ESCAPE); // closes the calendar
    console.clickAndSettle(By.id("submit:send"));
    console.waitForText(By.id("messages"), "runAt: give either runAt or delay, not both");

    console
        .driver()
        .findElement(By.id("submit:delay_input"))
        .sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE, Keys.TAB);
    console.clickAndSettle(By.id("submit:send"));
    console.waitFor(By.id("submit:submitted"));
    console.driver().findElement(By.cssSelector("#submit\\:submitted a")).click();
    console.waitForText(By.id("task-state"), "SCHEDULED");
  }

  /** Runs one task of {@code queue} that fails for good; returns its id once dead-lettered. */
  private static String deadLetter(String queue) {
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
      String id =
          taskyard
              .producer()
              .submit(queue, TaskRequest.of("it.doomed", "{}").withMaxAttempts(1))
              .id();
      try (WorkerPool pool =
          taskyard
              .workerPool()
              .queue(queue, 1)
              .handler(
                  "it.doomed",
                  task -> {
                    throw new IllegalStateException("doomed on purpose");
                  })
              .start()) {
        await().atMost(ConsolePage.WAIT).until(() -> taskyard.stats().status(queue).dead() == 1);
      }
      return id;
    }
  }

  @Test
  void aDeadLetteredTaskPopsUpAndIsNotifiedLinkingToItsQueuesDeadLetters() {
    openLive("console/notifications/list.xhtml");
    String queue = newQueue();

    String id = deadLetter(queue);

    String news = "1 task dead-lettered in " + queue;
    console.waitForText(By.id("ty-toasts"), news);
    String toastLink =
        console
            .driver()
            .findElement(By.xpath("//div[@id='ty-toasts']//a[contains(., '" + news + "')]"))
            .getAttribute("href");
    assertThat(toastLink).endsWith("console/tasks/dead-letters.xhtml?queue=" + queue);
    console.waitForText(By.id("notifications:table"), news);
    By row = By.xpath("//tr[td[contains(., '" + news + "')]]");
    assertThat(console.text(row)).contains("last error: ").contains("doomed on purpose");
    console.click(By.xpath("//tr[td[contains(., '" + news + "')]]//a[.='Dead letters']"));

    console.waitForText(By.id("dead:table"), id);
    assertThat(console.path()).contains("dead-letters.xhtml?queue=" + queue);
  }

  @Test
  void anOperatorReplaysADeadLetter() {
    String queue = newQueue();
    String id = deadLetter(queue);
    console
        .signedInAs("it-operator", "it-operator-secret")
        .open("console/tasks/dead-letters.xhtml");

    console.choose("pick:queue", queue, queue + " (1)");
    console.waitForText(By.id("dead:table"), id);
    assertThat(console.text(By.id("dead:table"))).contains("doomed on purpose");
    console.clickAndSettle(
        By.xpath("//tr[td[contains(., '" + id + "')]]//button[normalize-space()='Replay']"));

    console.waitForText(By.id("messages"), "1 task replayed.");
    assertThat(ApiClient.asAdmin(base).get("api/queue/task/" + id).body())
        .contains("\"state\":\"QUEUED\"");
  }

  @Test
  void anOperatorReordersQueuedTasksOnTheQueuePage() {
    String queue = newQueue();
    List<String> ids = new ArrayList<>();
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
      for (int i = 0; i < 3; i++) {
        long at = System.currentTimeMillis();
        ids.add(taskyard.producer().submit(queue, TaskRequest.of("it.ordered", "{}")).id());
        await().until(() -> System.currentTimeMillis() > at); // one place each
      }
    }
    String a = ids.get(0);
    String b = ids.get(1);
    String c = ids.get(2);
    By order = By.id("order:queued");
    console
        .signedInAs("it-operator", "it-operator-secret")
        .open("console/queues/edit.xhtml?queue=" + queue)
        .waitForText(order, c);
    assertThat(rowsOf(order, ids)).containsExactly(a, b, c);

    console.clickAndSettle(rowButton(c, "@title='Move up'"));
    console.waitForText(By.id("messages"), "Task " + c + " moved.");
    assertThat(rowsOf(order, ids)).containsExactly(a, c, b);
    console.clickAndSettle(rowButton(b, "normalize-space()='Run next'"));
    console.waitForText(By.id("messages"), "Task " + b + " runs next.");
    assertThat(rowsOf(order, ids)).containsExactly(b, a, c);

    console.signedInAs("it-viewer", "it-viewer-secret");
    console.open("console/queues/edit.xhtml?queue=" + queue).waitForText(order, c);
    assertThat(console.driver().findElements(rowButton(c, "@title='Move up'"))).isEmpty();
  }

  /** {@code ids} in the order the rows of {@code table} show them. */
  private List<String> rowsOf(By table, List<String> ids) {
    String text = console.text(table);
    return ids.stream().sorted(Comparator.comparingInt(text::indexOf)).toList();
  }

  private static By rowButton(String id, String button) {
    return By.xpath("//tr[td[contains(., '" + id + "')]]//button[" + button + "]");
  }

  @Test
  void aRunningTaskShowsItsProgressAndTicksAndIsCancelledFromTheActivePage() throws Exception {
    String queue = newQueue();
    CountDownLatch release = new CountDownLatch(1);
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url());
        WorkerPool pool =
            taskyard
                .workerPool()
                .queue(queue, 1)
                .handler(
                    "it.slow",
                    task -> {
                      task.progress(40, "crunching <b>numbers</b>");
                      await()
                          .atMost(Duration.ofSeconds(60))
                          .until(() -> task.isCancelled() || release.getCount() == 0);
                      return null;
                    })
                .start()) {
      String id =
          taskyard.producer().submit(queue, TaskRequest.of("it.slow", "{\"file\":\"a.csv\"}")).id();
      console.signedInAs("it-operator", "it-operator-secret").open("console/tasks/active.xhtml");

      console.waitForText(By.id("active:table"), "crunching <b>numbers</b>");
      assertThat(console.text(By.id("active:table")))
          .contains(id)
          .contains("a.csv")
          .contains("40%");
      String first = console.text(By.cssSelector("[data-since]"));
      await()
          .atMost(ConsolePage.WAIT)
          .until(() -> !console.text(By.cssSelector("[data-since]")).equals(first));

      console.clickAndSettle(
          By.xpath("//tr[td[contains(., '" + id + "')]]//button[normalize-space()='Cancel']"));
      console.waitForText(By.id("messages"), "Cancel sent");
      release.countDown();
      await()
          .atMost(ConsolePage.WAIT)
          .until(
              () -> ApiClient.asAdmin(base).get("api/queue/task/" + id).body().contains("CANCEL"));
    }
  }

  @Test
  void aQueuesSettingsAreChangedOnItsPageRefusedNamingTheFieldAndTheQueueDeleted() {
    String queue = newQueue();
    submit(queue);
    console.signedInAs(ADMIN, ADMIN_PASSWORD).open("console/");
    console.click(By.cssSelector("[data-queue='" + queue + "'] a[data-field='name']"));
    console.waitFor(By.id("setting-maxAttempts"));

    console.field("setting-maxAttempts").sendKeys("many");
    console.clickAndSettle(By.id("settings:save"));
    console.waitForText(By.id("messages"), "maxAttempts: must be a number");
    console.field("setting-maxAttempts").sendKeys("0");
    console.clickAndSettle(By.id("settings:save"));
    console.waitForText(By.id("messages"), "maxAttempts");
    assertThat(ApiClient.asAdmin(base).get("api/queue/queues/" + queue + "/settings").body())
        .doesNotContain("\"maxAttempts\":0");

    console.field("setting-maxAttempts").sendKeys("7");
    console.clickAndSettle(By.id("settings:save"));
    console.waitForText(By.id("messages"), "Settings saved");
    assertThat(ApiClient.asAdmin(base).get("api/queue/queues/" + queue + "/settings").body())
        .contains("\"maxAttempts\":7");

    console.click(By.cssSelector("#danger\\:force .ui-chkbox-box"));
    console.click(By.id("danger:delete"));
    console.click(By.cssSelector(".ui-confirmdialog-yes"));
    console.waitForText(By.id("messages"), "Queue " + queue + " deleted.");
    assertThat(ApiClient.asAdmin(base).get("api/queue/queues/" + queue + "/settings").statusCode())
        .isEqualTo(404);
  }

  private static By button(String queue, String action) {
    return By.cssSelector("[data-queue='" + queue + "'] button[data-action='" + action + "']");
  }

  private void submit(String queue) {
    HttpResponse<String> submitted =
        ApiClient.asAdmin(base)
            .post(
                "api/queue/tasks",
                "{\"queue\":\"" + queue + "\",\"type\":\"it.live\",\"payload\":{}}");
    assertThat(submitted.statusCode()).isEqualTo(201);
  }

  private static By card(String queue, String field) {
    return By.cssSelector("[data-queue='" + queue + "'] [data-field='" + field + "']");
  }

  @Test
  void theThemeIsRememberedPerUser() {
    console.signedInAs("it-operator", "it-operator-secret");
    boolean dark = bodyClass().contains("ty-theme-dark");

    console.driver().findElement(By.id("user-menu:theme")).click();
    await().atMost(ConsolePage.WAIT).until(() -> bodyClass().contains("ty-theme-dark") != dark);

    console
        .signOut()
        .signIn("it-operator", "it-operator-secret")
        .waitFor(By.id("user-menu:user-name"));
    assertThat(bodyClass().contains("ty-theme-dark")).isNotEqualTo(dark);
    assertThat(console.driver().getPageSource())
        .contains(dark ? "primefaces-saga-blue" : "primefaces-arya-blue");
  }

  @Test
  void primeFacesWidgetsAndAjaxRunUnderTheStrictPolicyWithTheirNonce() throws Exception {
    browser.driver().get(base + "csp-check.xhtml");

    assertThat(
            browser
                .driver()
                .executeScript("return Object.keys(PrimeFaces.widgets).sort().join(',')"))
        .isEqualTo("widget_f_echo,widget_f_in");
    browser.driver().findElement(By.id("f:in")).sendKeys("<b>bold</b>");
    browser.driver().findElement(By.id("f:echo")).click();
    await()
        .atMost(ConsolePage.WAIT)
        .until(() -> browser.driver().findElement(By.id("f:out")).getText(), "<b>bold</b>"::equals);

    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(new URL(base, "csp-check.xhtml").toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().allValues("Content-Security-Policy"))
        .singleElement()
        .satisfies(
            policy ->
                assertThat(policy)
                    .containsPattern("script-src 'self' 'nonce-[^']+';")
                    .contains("object-src 'none'")
                    .contains("frame-ancestors 'none'"));
  }

  private String bodyClass() {
    return console.driver().findElement(By.tagName("body")).getAttribute("class");
  }
}

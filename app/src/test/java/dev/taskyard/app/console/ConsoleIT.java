package dev.taskyard.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.ApiClient;
import dev.taskyard.app.Browser;
import dev.taskyard.app.ItQueues;
import dev.taskyard.app.TestStack;
import dev.taskyard.core.Taskyard;
import dev.taskyard.core.enqueue.TaskRequest;
import dev.taskyard.core.worker.WorkerPool;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
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
import org.openqa.selenium.OutputType;

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
    console = new ConsolePage(browser, base);
    browser.driver().manage().deleteAllCookies();
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
              "console/schedules/list.xhtml",
              "console/workers/list.xhtml",
              "console/notifications/list.xhtml",
              "console/tokens/list.xhtml",
              "console/users/list.xhtml",
              "console/audit/list.xhtml")) {
        console.open(page).waitFor(By.id("user-menu:user-name"));
        if (page.equals("console/")) {
          console.waitForText(By.id("ty-live"), "Live");
        }
        shoot(folder, pageName(page) + "-" + mode);
      }
      console.driver().findElement(By.id("user-menu:theme")).click();
      await().atMost(ConsolePage.WAIT).until(() -> !bodyClass().contains("ty-theme-" + mode));
    }
  }

  /** {@code dashboard}, a folder's list page by its folder, other pages by their name. */
  private static String pageName(String path) {
    if (path.equals("console/")) {
      return "dashboard";
    }
    String[] parts = path.split("\\?")[0].split("/");
    String page = parts[parts.length - 1].replace(".xhtml", "");
    return page.equals("list") ? parts[1] : page.equals("edit") ? parts[1] + "-edit" : page;
  }

  private void shoot(Path folder, String name) throws Exception {
    byte[] png = console.driver().getScreenshotAs(OutputType.BYTES);
    Files.write(folder.resolve(name + ".png"), png);
  }

  @Test
  void anAlertPopsUpOnThePageAndIsAcknowledgedOnTheNotificationsPage() {
    console
        .signedInAs("it-operator", "it-operator-secret")
        .open("console/notifications/list.xhtml");
    console.waitForText(By.id("ty-live"), "Live");
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
  void theWorkersPageListsEveryLiveNodeWithItsThreadsPerQueue() {
    String queue = newQueue();
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url());
        WorkerPool pool =
            taskyard.workerPool().queue(queue, 3).handler("it.none", t -> null).start()) {
      console.signedInAs("it-viewer", "it-viewer-secret").open("console/workers/list.xhtml");

      console.waitForText(By.id("workers:table"), pool.workerId());
      assertThat(console.text(By.id("workers:table"))).contains(queue + ": 0 / 3");
    }
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
  void anOperatorReplaysADeadLetter() {
    String queue = newQueue();
    String id;
    try (Taskyard taskyard = Taskyard.connect(TestStack.REDIS.url())) {
      id =
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
    }
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

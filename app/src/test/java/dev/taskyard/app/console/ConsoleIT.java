package dev.taskyard.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskyard.app.Browser;
import dev.taskyard.app.TestStack;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** The console in a real headless Chromium, on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {
  private static Browser browser;

  @ArquillianResource URL base;

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

  @Test
  void theConsoleAddressShowsItsPageWithinTheContentSecurityPolicyAndWithoutErrors() {
    browser.driver().get(base.toString());

    assertThat(browser.driver().getTitle()).isEqualTo("Taskyard");
    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Taskyard");
    assertThat(browser.driver().findElements(By.cssSelector("a[href='/openapi']"))).hasSize(1);
    assertThat(browser.errors()).isEmpty();
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
        .atMost(Duration.ofSeconds(30))
        .until(() -> browser.driver().findElement(By.id("f:out")).getText(), "<b>bold</b>"::equals);
    assertThat(browser.errors()).isEmpty();

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
}

package dev.taskyard.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskyard.app.Browser;
import dev.taskyard.app.TestStack;
import java.net.URL;
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
    return TestStack.war();
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
}

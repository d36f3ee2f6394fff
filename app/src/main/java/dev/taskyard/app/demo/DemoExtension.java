package dev.taskyard.app.demo;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps the demo's beans (its handlers, watcher and generator) out of the application unless {@code
 * taskyard.demo.enabled} is true, so a production node serves none of the demo queues.
 */
public class DemoExtension implements Extension {
  private final boolean enabled =
      ConfigProvider.getConfig()
          .getOptionalValue("taskyard.demo.enabled", Boolean.class)
          .orElse(false);

  <T> void vetoUnlessEnabled(@Observes ProcessAnnotatedType<T> type) {
    if (!enabled
        && type.getAnnotatedType()
            .getJavaClass()
            .getPackageName()
            .equals(DemoExtension.class.getPackageName())) {
      type.veto();
    }
  }
}

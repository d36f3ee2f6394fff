package dev.taskyard.app.demo;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo's producer: watches {@code taskyard.demo.inbox} and submits the file pipeline for each
 * file that appears there, after a scan for the files already there at start. Names starting with a
 * dot are skipped, so a file can be written under a dot name and renamed when complete.
 */
@ApplicationScoped
public class InboxWatcher {
  private static final Logger LOG = Logger.getLogger(InboxWatcher.class.getName());

  @Inject FilePipeline pipeline;

  @Inject Inbox inbox;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threadFactory;

  private WatchService watcher;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws IOException {
    Path dir = inbox.directory();
    watcher = dir.getFileSystem().newWatchService();
    // Registered before the scan, so that no file falls between the two.
    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
    Thread thread = threadFactory.newThread(() -> watch(dir));
    thread.setName("taskyard-demo-inbox");
    thread.start();
    LOG.info("Demo: watching " + dir);
  }

  void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored)
      throws IOException {
    if (watcher != null) {
      watcher.close();
    }
  }

  private void watch(Path dir) {
    scan(dir);
    try {
      while (true) {
        WatchKey key = watcher.take();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            scan(dir); // events were lost
          } else if (event.context() instanceof Path name) {
            submit(dir.resolve(name));
          }
        }
        key.reset();
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      LOG.info("Demo: stopped watching " + dir);
    }
  }

  private void scan(Path dir) {
    try (DirectoryStream<Path> present = Files.newDirectoryStream(dir)) {
      present.forEach(this::submit);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Demo: could not scan " + dir, e);
    }
  }

  private void submit(Path file) {
    if (!Files.isRegularFile(file) || file.getFileName().toString().startsWith(".")) {
      return;
    }
    try {
      pipeline.submit(file);
    } catch (IOException | RuntimeException e) {
      // A file that vanished, or Redis away: the next start's scan picks it up again.
      LOG.log(Level.WARNING, "Demo: could not submit " + file, e);
    }
  }
}

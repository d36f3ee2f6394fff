package dev.taskyard.app.demo;

import dev.taskyard.core.worker.PermanentTaskFailure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo's inbox directory ({@code taskyard.demo.inbox}), and the one place the file tasks may
 * touch: a task names its file by path, and anyone who may submit could otherwise have the handlers
 * read, move or replace any file the server can (Redis's append-only file, the admin password).
 */
@ApplicationScoped
public class Inbox {

  @Inject
  @ConfigProperty(name = "taskyard.demo.inbox", defaultValue = "taskyard-inbox")
  String configured;

  private Path directory;

  @PostConstruct
  void init() {
    try {
      Path dir = Path.of(configured).toAbsolutePath();
      Files.createDirectories(dir);
      directory = dir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the demo inbox " + configured, e);
    }
  }

  /** The inbox, with every symbolic link of its path resolved. */
  Path directory() {
    return directory;
  }

  /**
   * {@code file} if it is a regular file directly in the inbox (not a link, not in a directory
   * below it, not reached through {@code ..}), as its real path; otherwise a permanent failure,
   * since retrying will not move it there.
   */
  Path confine(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    try {
      if (parent != null
          && parent.toRealPath().equals(directory)
          && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return directory.resolve(file.getFileName());
      }
    } catch (IOException e) {
      // no such directory: not in the inbox either
    }
    throw new PermanentTaskFailure("not a file in the demo inbox: " + file);
  }
}

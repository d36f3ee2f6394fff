package dev.taskyard.app.demo;

import dev.taskyard.app.workers.TaskType;
import dev.taskyard.core.worker.TaskContext;
import dev.taskyard.core.worker.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The SHA-256 of a file, reporting progress as it reads. */
@ApplicationScoped
@TaskType(value = "file.checksum", queue = FileTask.QUEUE)
public class ChecksumHandler implements TaskHandler {

  @Inject Inbox inbox;
  private static final int BUFFER = 64 * 1024;

  @Override
  public String handle(TaskContext task) throws Exception {
    Path file = FileTask.fromJson(task.payload()).in(inbox);
    long size = Files.size(file);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[BUFFER];
    long read = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (task.isCancelled()) {
          throw new InterruptedException("cancelled");
        }
        sha256.update(buffer, 0, n);
        read += n;
        task.progress((int) (100 * read / Math.max(1, size)), "read " + read + " bytes");
      }
    }
    return Json.createObjectBuilder()
        .add("sha256", HexFormat.of().formatHex(sha256.digest()))
        .build()
        .toString();
  }
}

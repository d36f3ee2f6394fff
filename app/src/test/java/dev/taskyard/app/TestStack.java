package dev.taskyard.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.taskyard.embedded.EmbeddedDatabase;
import dev.taskyard.embedded.EmbeddedRedis;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The real Redis and PostgreSQL servers of this test JVM, and the sinks of the daily report,
 * started once on the ports the build reserved and passed to every Payara Micro the tests start
 * (see {@code arquillian.xml}). Tests that stop a server must bring it back before they end.
 */
public final class TestStack {
  public static final EmbeddedRedis REDIS =
      EmbeddedRedis.start(Integer.getInteger("taskyard.it.redisPort"), Optional.empty());
  public static final EmbeddedDatabase POSTGRES = startPostgres();
  public static final ReportSinks REPORT_SINKS = ReportSinks.start();

  private TestStack() {}

  /** Touching this class starts both servers; call it before a deployment needs them. */
  public static void ensureStarted() {}

  /** A pool of connections to the PostgreSQL server, as a node's data source; close it after. */
  public static HikariDataSource database() {
    ensureStarted();
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(POSTGRES.jdbcUrl());
    dataSource.setUsername(EmbeddedDatabase.USER);
    return dataSource;
  }

  /** The built WAR as a black-box test deploys it, once both servers are up. */
  public static WebArchive war() {
    ensureStarted();
    return ShrinkWrap.create(ZipImporter.class, "taskyard-app.war")
        .importFrom(new File(System.getProperty("taskyard.it.war")))
        .as(WebArchive.class);
  }

  /** {@code app} written to a file of its own, for a {@link PayaraNode} to deploy. */
  public static Path exported(WebArchive app) {
    try {
      Path war = Files.createTempDirectory("taskyard-it-war").resolve("taskyard-app.war");
      app.as(ZipExporter.class).exportTo(war.toFile(), true);
      return war;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static EmbeddedDatabase startPostgres() {
    try {
      return EmbeddedDatabase.start(
          Integer.getInteger("taskyard.it.postgresPort"),
          Files.createTempDirectory("taskyard-it-pg"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

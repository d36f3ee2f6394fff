package dev.taskyard.app.audit;

import dev.taskyard.app.platform.Role;
import dev.taskyard.app.platform.Roles;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records mutations in the audit log: what the API's {@link AuditFilter} and the console's view
 * beans call. An entry costs the caller one Redis {@code XADD} ({@link AuditStream}); {@link
 * AuditArchiver} moves it into PostgreSQL later, so a mutation never waits for PostgreSQL while
 * Redis answers. While Redis does not, the entry is written to PostgreSQL directly; if that fails
 * too, it is lost: logged as one warning line that holds the whole entry, and counted ({@link
 * #lost()}, shown by {@code GET /api/audit}). Recording never throws.
 */
@ApplicationScoped
public class AuditLog {
  private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

  /** The roles, highest first: an entry names the caller's highest. */
  @Inject AuditStream stream;

  @Inject AuditStore store;

  private final AtomicLong lost = new AtomicLong();
  private Jsonb jsonb;

  @PostConstruct
  void init() {
    jsonb = JsonbBuilder.create();
  }

  /**
   * Records one mutation.
   *
   * @param actor the user's name (null: anonymous)
   * @param role the user's highest role, see {@link #highestRole}
   * @param action a stable {@code <thing>.<verb>} name, as in {@link AuditAction}
   * @param target what it acted on: a queue, a task id, {@code queue/name} of a schedule, ...
   * @param before the state before, where it applies: anything JSON-B writes, or null
   * @param after the state after, likewise
   * @param address the address the request came from
   * @param status how it ended, as an HTTP status (200 done, 400 refused input, 403, 409, ...)
   */
  public void record(
      String actor,
      String role,
      String action,
      String target,
      Object before,
      Object after,
      String address,
      int status) {
    AuditEntry entry;
    try {
      entry =
          AuditEntry.now(actor, role, action, target, json(before), json(after), address, status);
    } catch (RuntimeException e) {
      // JSON-B could not write a value: keep the rest.
      LOG.warning("Audit: before/after of " + action + " not writable as JSON: " + e);
      entry = AuditEntry.now(actor, role, action, target, null, null, address, status);
    }
    record(entry);
  }

  /** Records an entry made by the caller. */
  public void record(AuditEntry entry) {
    try {
      stream.append(entry);
      return;
    } catch (RuntimeException redisFailed) {
      // The adapter has logged it (once per failure; its breaker then answers at once).
      LOG.log(Level.FINE, "Audit entry to PostgreSQL directly, Redis failed", redisFailed);
    }
    try {
      store.writeOne(entry);
    } catch (RuntimeException e) {
      lost(entry, "Redis and PostgreSQL both failed (" + e + ")");
    }
  }

  /** Entries this node could not record since it started. */
  public long lost() {
    return lost.get();
  }

  /** Counts an entry as lost, with one warning line that holds it (and no stack trace). */
  void lost(AuditEntry entry, String why) {
    lost.incrementAndGet();
    LOG.warning("Audit entry lost, " + why + ": " + entry);
  }

  /**
   * The highest of the application's roles the caller has (admin, operator, viewer), or {@code
   * none}; for example {@code highestRole(securityContext::isCallerInRole)}.
   */
  public static String highestRole(Predicate<String> inRole) {
    // Every role includes viewer: without it, the caller has none.
    return inRole.test(Roles.VIEWER) ? Role.highest(inRole).id() : "none";
  }

  private String json(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof jakarta.json.JsonValue json ? json.toString() : jsonb.toJson(value);
  }
}

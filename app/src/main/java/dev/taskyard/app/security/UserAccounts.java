package dev.taskyard.app.security;

import dev.taskyard.app.platform.Problem;
import dev.taskyard.app.platform.ProblemException;
import dev.taskyard.app.platform.Role;
import dev.taskyard.core.InvalidInputException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may sign in, and as what: the users configured by environment ({@code taskyard.admin.*},
 * {@code taskyard.operator.*}, {@code taskyard.viewer.*}; the quickstart's generated administrator
 * among them), which nobody can change at run time, and the users administrators manage in
 * PostgreSQL. Names are unique across both. The console's pages and the API share this service.
 */
@ApplicationScoped
public class UserAccounts {
  static final int MIN_PASSWORD = 12;
  static final int MAX_PASSWORD = 128;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  /** A token's last use is written at most this often, not on every request. */
  private static final Duration TOKEN_USE_PRECISION = Duration.ofMinutes(1);

  @Inject
  @ConfigProperty(name = "taskyard.admin.user", defaultValue = "admin")
  String adminUser;

  @Inject
  @ConfigProperty(name = "taskyard.admin.password")
  Optional<String> adminPassword;

  @Inject
  @ConfigProperty(name = "taskyard.operator.user", defaultValue = "operator")
  String operatorUser;

  @Inject
  @ConfigProperty(name = "taskyard.operator.password")
  Optional<String> operatorPassword;

  @Inject
  @ConfigProperty(name = "taskyard.viewer.user", defaultValue = "viewer")
  String viewerUser;

  @Inject
  @ConfigProperty(name = "taskyard.viewer.password")
  Optional<String> viewerPassword;

  @Inject GeneratedAdminPassword generatedAdminPassword;
  @Inject StoredUsers stored;
  @Inject ApiTokens tokens;
  @Inject PasswordChecks passwords;

  private UserDirectory configured;
  private final Map<Long, Instant> tokenUseWritten = new ConcurrentHashMap<>();

  /** Someone signed in: a user, or a script with one of a user's tokens. */
  public record Caller(String name, Role role) {}

  /** A user as administrators see it; {@code configured} ones are changed by configuration only. */
  public record Account(
      String name,
      Role role,
      boolean enabled,
      boolean configured,
      Optional<Instant> createdAt,
      Optional<Instant> updatedAt) {}

  @PostConstruct
  void init() {
    configured =
        UserDirectory.of(
            adminUser,
            adminPassword,
            generatedAdminPassword::matches,
            List.of(
                new UserDirectory.Account(
                    "taskyard.operator", operatorUser, Role.OPERATOR, operatorPassword),
                new UserDirectory.Account(
                    "taskyard.viewer", viewerUser, Role.VIEWER, viewerPassword)));
  }

  /** The user named {@code name} if {@code password} is theirs and they may sign in. */
  public Optional<Caller> authenticate(String name, char[] password) throws SQLException {
    Optional<UserDirectory.User> user = configured.find(name);
    if (user.isPresent()) {
      return configured.authenticate(name, password).map(u -> new Caller(u.name(), u.role()));
    }
    return stored
        .find(name)
        .filter(StoredUser::enabled)
        .filter(u -> passwords.matches(password, u.passwordHash()))
        .map(u -> new Caller(u.name(), u.role()));
  }

  /** The user named {@code name} as they are now, if they may still sign in. */
  public Optional<Caller> current(String name) throws SQLException {
    Optional<UserDirectory.User> user = configured.find(name);
    if (user.isPresent()) {
      return user.map(u -> new Caller(u.name(), u.role()));
    }
    return stored.find(name).filter(StoredUser::enabled).map(u -> new Caller(u.name(), u.role()));
  }

  /**
   * The caller a token's {@code secret} stands for: its owner, with no more than the token's role;
   * empty for an unknown or expired token, or an owner who may no longer sign in.
   */
  public Optional<Caller> byToken(String secret) throws SQLException {
    Optional<ApiToken> token = tokens.find(secret);
    Instant now = Instant.now();
    if (token.isEmpty() || token.get().expiredAt(now)) {
      return Optional.empty();
    }
    Optional<Caller> owner = current(token.get().owner());
    if (owner.isPresent()) {
      noteUse(token.get(), now);
    }
    return owner.map(o -> new Caller(o.name(), o.role().atMost(token.get().role())));
  }

  /** Every user, configured ones first. */
  public List<Account> accounts() throws SQLException {
    List<Account> accounts = new ArrayList<>();
    for (UserDirectory.User user : configured.all()) {
      accounts.add(
          new Account(user.name(), user.role(), true, true, Optional.empty(), Optional.empty()));
    }
    for (StoredUser user : stored.all()) {
      accounts.add(account(user));
    }
    return accounts;
  }

  /** Adds a user; refused naming the field when the name, password or role is not acceptable. */
  public Account create(String name, char[] password, Role role) throws SQLException {
    checkName(name);
    checkPassword(password);
    if (configured.find(name).isPresent()) {
      throw taken(name);
    }
    Instant now = Instant.now();
    StoredUser user = new StoredUser(name, PasswordHash.hash(password), role, true, now, now);
    if (!stored.add(user)) {
      throw taken(name);
    }
    return account(user);
  }

  /** Sets a stored user's role and whether they may sign in; returns the account before. */
  public Account change(String name, Optional<Role> role, Optional<Boolean> enabled)
      throws SQLException {
    StoredUser before = storedUser(name);
    StoredUser after =
        new StoredUser(
            name,
            before.passwordHash(),
            role.orElse(before.role()),
            enabled.orElse(before.enabled()),
            before.createdAt(),
            Instant.now());
    if (!stored.update(after)) {
      throw notFound(name);
    }
    return account(before);
  }

  /** Gives a stored user a new password. */
  public void resetPassword(String name, char[] password) throws SQLException {
    checkPassword(password);
    StoredUser before = storedUser(name);
    StoredUser after =
        new StoredUser(
            name,
            PasswordHash.hash(password),
            before.role(),
            before.enabled(),
            before.createdAt(),
            Instant.now());
    if (!stored.update(after)) {
      throw notFound(name);
    }
  }

  /** Deletes a stored user with their tokens; returns the account deleted. */
  public Account delete(String name) throws SQLException {
    StoredUser before = storedUser(name);
    if (!stored.delete(name)) {
      throw notFound(name);
    }
    return account(before);
  }

  /** The account named {@code name}. */
  public Account account(String name) throws SQLException {
    Optional<UserDirectory.User> user = configured.find(name);
    if (user.isPresent()) {
      return new Account(name, user.get().role(), true, true, Optional.empty(), Optional.empty());
    }
    return account(storedUser(name));
  }

  private StoredUser storedUser(String name) throws SQLException {
    if (configured.find(name).isPresent()) {
      throw new ProblemException(
          Problem.of(409, "Configured user")
              .field("name")
              .detail(
                  "User " + name + " is configured by environment; change it there, not here."));
    }
    return stored.find(name).orElseThrow(() -> notFound(name));
  }

  private void noteUse(ApiToken token, Instant now) throws SQLException {
    Instant written = tokenUseWritten.get(token.id());
    Instant last = token.lastUsedAt().orElse(Instant.EPOCH);
    if (written != null && written.isAfter(last)) {
      last = written;
    }
    if (Duration.between(last, now).compareTo(TOKEN_USE_PRECISION) >= 0) {
      tokenUseWritten.put(token.id(), now);
      tokens.used(token.id(), now);
    }
  }

  static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "name", "must be 1 to 64 letters, digits or . _ @ -, starting with a letter or digit");
    }
  }

  static void checkPassword(char[] password) {
    if (password == null || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      throw new InvalidInputException(
          "password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
  }

  private static Account account(StoredUser user) {
    return new Account(
        user.name(),
        user.role(),
        user.enabled(),
        false,
        Optional.of(user.createdAt()),
        Optional.of(user.updatedAt()));
  }

  private static ProblemException taken(String name) {
    return new ProblemException(
        Problem.of(409, "User exists").field("name").detail("A user named " + name + " exists."));
  }

  private static ProblemException notFound(String name) {
    return new ProblemException(
        Problem.of(404, "No such user").field("name").detail("No user named " + name + "."));
  }
}

package dev.taskyard.app.security;

import dev.taskyard.app.platform.Role;
import java.time.Instant;

/** A row of {@code app_user}: a user an administrator manages. Not an API response. */
record StoredUser(
    String name,
    String passwordHash,
    Role role,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {}

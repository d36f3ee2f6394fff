package dev.taskyard.app.security;

import dev.taskyard.app.platform.Roles;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * HTTP Basic authentication ({@link BasicAuthentication}) against {@link TaskyardIdentityStore}.
 * Which paths and methods need which role is declared in {@code web.xml}; Payara serves health,
 * metrics and OpenAPI outside the application, so they stay open.
 */
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
@ApplicationScoped
public class SecurityConfiguration {}

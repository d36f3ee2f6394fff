package dev.taskyard.app.security;

import dev.taskyard.app.platform.Role;
import java.io.Serializable;

/**
 * Who signed in to the console in this HTTP session, and with which role then. Each request asks
 * {@link UserAccounts} again, so a disabled or deleted user is out at their next click and a new
 * role applies at once; the role kept here serves only while PostgreSQL does not answer.
 */
record ConsoleSignIn(String name, Role role) implements Serializable {
  static final String ATTRIBUTE = ConsoleSignIn.class.getName();
}

package dev.taskyard.app.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * What a resource method knows of its change that the request does not show, handed to {@link
 * AuditFilter} for the request's audit entry: the target when it is in the body rather than the
 * path, and the state before and after (any value JSON-B writes, such as a view record). A method
 * that sets nothing gets an entry with its path's target and no before or after.
 */
@RequestScoped
public class AuditDetails {
  private String target;
  private Object before;
  private Object after;

  /** The target, in place of the one the path names. */
  public void target(String value) {
    target = value;
  }

  /** The state before the change, as it was read just before making it. */
  public void before(Object value) {
    before = value;
  }

  /** The state after the change. */
  public void after(Object value) {
    after = value;
  }

  String target() {
    return target;
  }

  Object before() {
    return before;
  }

  Object after() {
    return after;
  }
}

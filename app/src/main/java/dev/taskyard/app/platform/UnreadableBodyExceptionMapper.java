package dev.taskyard.app.platform;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that JSON-B or JSON-P could not read (Jersey wraps their exception): 400 naming {@code
 * body}. Resources that read their body with {@link JsonInput} name the field instead.
 */
@Provider
public class UnreadableBodyExceptionMapper implements ExceptionMapper<ProcessingException> {

  @Override
  public Response toResponse(ProcessingException e) {
    return isJson(e)
        ? Problem.badInput("body", "is not valid JSON for this request").toResponse()
        : new UnexpectedExceptionMapper().toResponse(e);
  }

  static boolean isJson(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonbException || t instanceof JsonException) {
        return true;
      }
    }
    return false;
  }
}

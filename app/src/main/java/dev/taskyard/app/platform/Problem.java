package dev.taskyard.app.platform;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 9457 problem body ({@code application/problem+json}): status, title, detail and, for bad
 * input, the field at fault. The one place error responses are built.
 */
public final class Problem {
  public static final String MEDIA_TYPE = "application/problem+json";

  private final int status;
  private final String title;
  private String detail;
  private String field;
  private final List<FieldError> errors = new ArrayList<>();
  private Duration retryAfter;

  /** One field at fault, in {@code errors[]}. */
  public record FieldError(String field, String detail) {}

  private Problem(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public static Problem of(Response.StatusType status) {
    return of(status.getStatusCode(), status.getReasonPhrase());
  }

  public static Problem of(int status, String title) {
    return new Problem(status, title);
  }

  /** 400 naming {@code field}; the field also appears in {@code errors[]}. */
  public static Problem badInput(String field, String detail) {
    Problem p = of(400, "Invalid input").detail(detail);
    p.field = field;
    p.errors.add(new FieldError(field, detail));
    return p;
  }

  /** Names the field or parameter the problem is about, as for an unknown id in a path. */
  public Problem field(String value) {
    field = value;
    return this;
  }

  /** One line for a person: the field at fault and what is wrong, else the detail or title. */
  public String summary() {
    String text = detail != null ? detail : title;
    return field != null && !text.startsWith(field) ? field + ": " + text : text;
  }

  public Problem detail(String value) {
    detail = value;
    return this;
  }

  /** Adds a {@code Retry-After} header, rounded up to whole seconds and at least one. */
  public Problem retryAfter(Duration wait) {
    retryAfter = wait;
    return this;
  }

  public int status() {
    return status;
  }

  /** Whole seconds for {@code Retry-After}: the wait rounded up, at least 1. */
  public static long retryAfterSeconds(Duration wait) {
    long ms = Math.max(1, wait.toMillis());
    return Math.max(1, (ms + 999) / 1000);
  }

  public JsonObject toJson() {
    JsonObjectBuilder json =
        Json.createObjectBuilder().add("type", "about:blank").add("title", title);
    json.add("status", status);
    if (detail != null) {
      json.add("detail", detail);
    }
    if (field != null) {
      json.add("field", field);
    }
    if (!errors.isEmpty()) {
      JsonArrayBuilder list = Json.createArrayBuilder();
      errors.forEach(
          e ->
              list.add(
                  Json.createObjectBuilder().add("field", e.field()).add("detail", e.detail())));
      json.add("errors", list);
    }
    return json.build();
  }

  public Response toResponse() {
    Response.ResponseBuilder response =
        Response.status(status).type(MEDIA_TYPE).entity(toJson().toString());
    if (retryAfter != null) {
      response.header("Retry-After", retryAfterSeconds(retryAfter));
    }
    return response.build();
  }

  /** Answers with this problem from a servlet or filter, outside JAX-RS. */
  public void send(HttpServletResponse response) throws IOException {
    response.setStatus(status);
    response.setContentType(MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    if (retryAfter != null) {
      response.setHeader("Retry-After", Long.toString(retryAfterSeconds(retryAfter)));
    }
    response.getWriter().write(toJson().toString());
  }
}

package dev.taskyard.app;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * HTTP calls to a deployed application as the test administrator ({@code taskyard.admin.*} in
 * {@code arquillian.xml}). Paths are relative to the application ({@code api/...}) or, with a
 * leading slash, to the server: Payara serves MicroProfile Health at {@code /health}.
 */
public final class ApiClient {
  public static final String ADMIN_USER = "admin";
  public static final String ADMIN_PASSWORD = "it-admin-secret";

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String authorization;

  private ApiClient(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** A client that authenticates as the test administrator. */
  public static ApiClient asAdmin(URL base) {
    return as(base, ADMIN_USER, ADMIN_PASSWORD);
  }

  /** A client that authenticates as {@code user}. */
  public static ApiClient as(URL base, String user, String password) {
    String token =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new ApiClient(toUri(base), "Basic " + token);
  }

  /** A client that sends {@code authorization} as its {@code Authorization} header, as it is. */
  public static ApiClient withAuthorization(URL base, String authorization) {
    return new ApiClient(toUri(base), authorization);
  }

  /** A client that sends no credentials. */
  public static ApiClient anonymous(URL base) {
    return new ApiClient(toUri(base), null);
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  /** Sends {@code json} (may be null for no body) with {@code method}: POST, PUT or PATCH. */
  public HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    HttpRequest.Builder request = request(path).method(method, body);
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request);
  }

  /** Sends {@code body} as {@code contentType}, for requests that are not JSON. */
  public HttpResponse<String> send(String method, String path, String contentType, String body) {
    return send(
        request(path)
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .header("Content-Type", contentType));
  }

  /** Sends {@code body} with no {@code Content-Type} header at all. */
  public HttpResponse<String> sendWithoutContentType(String method, String path, String body) {
    return send(
        request(path)
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  public HttpResponse<String> post(String path, String json) {
    return send("POST", path, json);
  }

  public HttpResponse<String> put(String path, String json) {
    return send("PUT", path, json);
  }

  /** The body of {@code response} as JSON. */
  public static JsonStructure json(HttpResponse<String> response) {
    try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
      return reader.read();
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static URI toUri(URL url) {
    try {
      return url.toURI();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

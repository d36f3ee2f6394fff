package dev.taskyard.app.platform;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses an API request whose body is larger than {@code taskyard.api.max-body-bytes} with 413,
 * before reading it: at once when its {@code Content-Length} says so, and as soon as a body sent
 * without one (chunked) grows past the limit, having read no more than that. The resources read
 * their bodies whole, so without this one request could fill the heap.
 */
@WebFilter("/api/*")
public class RequestBodyLimitFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject
  @ConfigProperty(name = "taskyard.api.max-body-bytes", defaultValue = "16777216")
  transient long maxBytes;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      tooLarge(response);
      return;
    }
    if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
      byte[] body = readAtMost(request.getInputStream(), maxBytes);
      if (body == null) {
        tooLarge(response);
        return;
      }
      chain.doFilter(new BufferedBodyRequest(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  /** The stream's bytes, or null as soon as there are more than {@code max}. */
  private static byte[] readAtMost(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      if (out.size() + (long) n > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    // The rest of the body is never read: the connection cannot carry another request.
    response.setHeader("Connection", "close");
    Problem.of(413, "Content Too Large")
        .field("body")
        .detail("The body is larger than this server accepts (" + maxBytes + " bytes).")
        .send(response);
  }

  /** The request with its body already read into memory. */
  private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body is already read");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }
}

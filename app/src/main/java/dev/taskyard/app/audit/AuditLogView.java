package dev.taskyard.app.audit;

import dev.taskyard.app.console.ConsoleFormat;
import dev.taskyard.app.platform.ConsoleActions;
import dev.taskyard.app.platform.ConsoleDownload;
import dev.taskyard.app.platform.CursorPages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.primefaces.model.StreamedContent;

/**
 * The console's audit log page ({@code console/audit/list.xhtml}), for administrators: the API's
 * filters, pages by cursor (stable while entries arrive), and export of everything matching.
 */
@Named
@ViewScoped
public class AuditLogView implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int PAGE = 50;

  @Inject transient AuditStore store;
  @Inject transient ConsoleFormat format;

  private String actor;
  private String action;
  private String target;
  private LocalDateTime from;
  private LocalDateTime to;

  private transient List<AuditEntryView> rows;
  private final CursorPages pages = new CursorPages();

  /** Applies the filters from the newest entry. */
  public void search() {
    pages.first();
    rows = null;
  }

  public void older() {
    if (pages.older()) {
      rows = null;
    }
  }

  public void newer() {
    if (pages.newer()) {
      rows = null;
    }
  }

  public List<AuditEntryView> getRows() {
    if (rows == null) {
      rows = List.of();
      ConsoleActions.run(
          () -> {
            AuditPage page = store.page(query(PAGE, pages.current()));
            rows = page.rows().stream().map(AuditEntryView::of).toList();
            pages.next(page.next().map(AuditCursor::encode).orElse(null));
          },
          null);
    }
    return rows;
  }

  public boolean isHasOlder() {
    getRows();
    return pages.hasOlder();
  }

  public boolean isHasNewer() {
    return pages.hasNewer();
  }

  public StreamedContent getCsv() {
    return export(true);
  }

  public StreamedContent getJson() {
    return export(false);
  }

  private StreamedContent export(boolean csv) {
    AuditQuery query = query(AuditQueryParameters.MAX_LIMIT, null);
    return ConsoleDownload.of(
        "audit", csv, out -> AuditExport.write(store, query, store.page(query), csv, out));
  }

  private AuditQuery query(int limit, String cursor) {
    return new AuditQueryParameters(
            actor, action, target, instant(from), instant(to), Integer.toString(limit), cursor)
        .toQuery();
  }

  private String instant(LocalDateTime time) {
    return Optional.ofNullable(time)
        .map(t -> t.atZone(format.zone()).toInstant().toString())
        .orElse(null);
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public LocalDateTime getFrom() {
    return from;
  }

  public void setFrom(LocalDateTime from) {
    this.from = from;
  }

  public LocalDateTime getTo() {
    return to;
  }

  public void setTo(LocalDateTime to) {
    this.to = to;
  }
}

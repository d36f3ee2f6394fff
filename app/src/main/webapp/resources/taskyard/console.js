// The console in the browser: the reader's time zone for the server, and the live feed.
(function () {
  "use strict";

  // Times are shown in the reader's zone (ConsoleFormat reads this cookie).
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) {
    document.cookie = "ty-tz=" + encodeURIComponent(zone) + "; path=/; SameSite=Strict";
  }

  var FIELDS = ["queued", "running", "scheduled", "waiting", "dead", "alerts"];
  var numbers = new Intl.NumberFormat();

  // One WebSocket per page (LiveSocket): every queue on (re)connect, then what changed.
  function live(indicator) {
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host
        + indicator.getAttribute("data-path");
    var delay = 500;
    // What the page received, by message type, for the benchmark (docs/benchmarks.md).
    var stats = window.taskyardLive = { messages: {}, lastAt: 0, lags: [] };
    var leaving = false;

    // Leaving the page closes the socket properly rather than dropping the connection.
    window.addEventListener("pagehide", function () {
      leaving = true;
      if (stats.socket) {
        stats.socket.close(1001, "page left");
      }
    });

    function show(state, text) {
      indicator.className = "ty-live ty-live-" + state;
      indicator.textContent = text;
    }

    function connect() {
      var socket = stats.socket = new WebSocket(url);
      socket.onopen = function () {
        delay = 500;
        show("on", "Live");
      };
      socket.onmessage = function (message) {
        var data = JSON.parse(message.data);
        if (data.type === "queues") {
          showTotals(data.totals);
          apply(data);
          reloadSoon("reloadLive");
        } else if (data.type === "workers") {
          reloadSoon("reloadLive");
        } else if (data.type === "metrics") {
          extendCharts();
          loadInsights(false);
        } else if (data.type === "alert.raised" || data.type === "alert.resolved") {
          toast(data);
          reloadSoon("reloadLive");
        } else if (data.type === "unavailable") {
          show("off", "Redis unavailable");
        }
        stats.messages[data.type] = (stats.messages[data.type] || 0) + 1;
        stats.lastAt = performance.timeOrigin + performance.now();
        if (data.type === "queues") {
          // How old the counts shown are: read on the server, then sent and drawn.
          stats.lags.push(stats.lastAt - data.at);
          if (stats.lags.length > 1000) {
            stats.lags.shift();
          }
        }
      };
      socket.onclose = function () {
        if (leaving) {
          return;
        }
        var wait = delay + Math.random() * delay / 2;
        show("off", "Reconnecting…");
        delay = Math.min(delay * 2, 30000);
        setTimeout(connect, wait);
      };
    }
    connect();
  }

  // A raised or resolved alert, shown for a while on any page; the notifications list reloads.
  // Dead letters link to their queue's dead letters page, other alerts to the notifications.
  function toast(alert) {
    var box = document.getElementById("ty-toasts");
    var item = document.createElement("div");
    var raised = alert.type === "alert.raised";
    item.className = "ty-toast ty-severity-" + (raised ? alert.severity : "RESOLVED");
    item.setAttribute("role", "alert");
    var text = document.createElement("a");
    text.href = alert.kind === "DEAD_LETTERED"
        ? box.getAttribute("data-dead-letters") + encodeURIComponent(alert.queue)
        : box.getAttribute("data-notifications");
    text.textContent = (raised ? "" : "Resolved: ") + alert.message;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "ty-toast-close";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "×";
    close.addEventListener("click", function () { item.remove(); });
    item.appendChild(text);
    item.appendChild(close);
    box.appendChild(item);
    setTimeout(function () { item.remove(); }, raised ? 15000 : 8000);
    if (typeof window.reloadNotifications === "function") {
      window.reloadNotifications();
    }
  }

  // Asks a page's remote command to read again, at most once a second: the pages that change live
  // (active tasks, workers, schedules, a queue) name theirs reloadLive.
  var reloads = {};
  function reloadSoon(name) {
    if (typeof window[name] !== "function" || reloads[name]) {
      return;
    }
    reloads[name] = setTimeout(function () {
      reloads[name] = null;
      window[name]();
    }, 1000);
  }

  // Clocks that count up from a start ([data-since], epoch ms), drawn once a second.
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-since]").forEach(function (clock) {
      clock.textContent = duration(Math.max(0, now - Number(clock.getAttribute("data-since"))));
    });
  }

  // As ConsoleFormat.duration writes it on the server.
  function duration(ms) {
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60000) {
      return (ms / 1000).toFixed(1) + " s";
    }
    var s = Math.floor(ms / 1000);
    if (ms < 3600000) {
      return Math.floor(s / 60) + " min " + (s % 60) + " s";
    }
    if (ms < 86400000) {
      return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
    }
    return Math.floor(s / 86400) + " d " + Math.floor((s % 86400) / 3600) + " h";
  }

  function cards() {
    return document.getElementById("cards");
  }

  function cardOf(queue) {
    var all = cards().querySelectorAll("[data-queue]");
    for (var i = 0; i < all.length; i++) {
      if (all[i].getAttribute("data-queue") === queue) {
        return all[i];
      }
    }
    return null;
  }

  function newCard(queue) {
    var template = document.getElementById("card-template");
    var card = template.content.firstElementChild.cloneNode(true);
    card.setAttribute("data-queue", queue);
    var name = card.querySelector("[data-field=name]");
    name.textContent = queue;
    name.href = name.getAttribute("href") + encodeURIComponent(queue);
    var dead = card.querySelector("[data-field=dead-link]");
    dead.href = dead.getAttribute("href") + encodeURIComponent(queue);
    cards().appendChild(card);
    var empty = document.getElementById("no-queues");
    if (empty) {
      empty.remove();
    }
    return card;
  }

  // The header's badges: totals over every queue (LiveFeed's HeaderTotals).
  function showTotals(totals) {
    document.querySelectorAll("[data-total]").forEach(function (cell) {
      cell.textContent = numbers.format(totals[cell.getAttribute("data-total")]);
    });
  }

  // A card's figures of the day, as DashboardView works them out: the live totals less those at
  // the reader's midnight (data-start; absent while unknown).
  function today(card, q) {
    var done = card.querySelector("[data-field=done]");
    var success = card.querySelector("[data-field=success]");
    if (!done.hasAttribute("data-start")) {
      return;
    }
    var succeeded = Math.max(0, q.succeeded - Number(done.getAttribute("data-start")));
    var failed = Math.max(0, q.failed - Number(success.getAttribute("data-start")));
    done.textContent = numbers.format(succeeded);
    success.textContent = succeeded + failed === 0
        ? "–" : (100 * succeeded / (succeeded + failed)).toFixed(1) + " %";
  }

  function apply(data) {
    if (!cards()) {
      return;
    }
    var seen = {};
    data.queues.forEach(function (q) {
      seen[q.queue] = true;
      var card = cardOf(q.queue) || newCard(q.queue);
      FIELDS.forEach(function (field) {
        var cell = card.querySelector("[data-field=" + field + "]");
        if (cell) {
          cell.textContent = numbers.format(q[field]);
        }
      });
      today(card, q);
      card.querySelector("[data-field=oldest]").textContent = duration(q.oldestMs);
      card.querySelector("[data-field=workers]").textContent = q.busy + " / " + q.threads;
      card.querySelector("[data-field=paused]").hidden = !q.paused;
      var pause = card.querySelector("[data-action=pause]");
      if (pause) {
        pause.hidden = q.paused;
        card.querySelector("[data-action=resume]").hidden = !q.paused;
      }
    });
    if (data.full) {
      cards().querySelectorAll("[data-queue]").forEach(function (card) {
        if (!seen[card.getAttribute("data-queue")]) {
          card.remove();
        }
      });
    }
  }

  // The dashboard's charts (p:chart, extender="tyChart"): axes and legends in the theme's colours,
  // times in the reader's zone; then kept for extendCharts.
  var charts = [];
  window.tyChart = function () {
    var options = this.cfg.config.options;
    var style = getComputedStyle(document.body);
    var text = style.getPropertyValue("--text-color-secondary").trim() || "#6c757d";
    var strong = style.getPropertyValue("--text-color").trim() || text;
    var grid = style.getPropertyValue("--surface-border").trim() || "#dee2e6";
    var panel = document.getElementById("charts");
    var days = panel && Number(panel.getAttribute("data-range-ms")) > 86400000;
    var tick = new Intl.DateTimeFormat(undefined, days
        ? { month: "short", day: "numeric", hour: "2-digit" }
        : { hour: "2-digit", minute: "2-digit" });
    var when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
    options.color = text;
    options.scales.x.ticks = {
      color: text,
      maxTicksLimit: 7,
      callback: function (value) { return tick.format(new Date(value)); }
    };
    options.scales.x.grid = { color: grid };
    options.scales.y.ticks = { color: text };
    options.scales.y.grid = { color: grid };
    options.plugins.title.color = strong;
    options.plugins.legend = { labels: { color: text, boxWidth: 12 } };
    options.plugins.tooltip = {
      callbacks: {
        title: function (items) {
          return items.length ? when.format(new Date(items[0].parsed.x)) : "";
        }
      }
    };
    charts.push(this);
  };

  // A metrics sample was stored: ask for the points from our last one on (DashboardChartServlet),
  // put them in place of it, and drop the points the range has left behind.
  var extending = false;
  function extendCharts() {
    var panel = document.getElementById("charts");
    if (!panel || !charts.length || extending) {
      return;
    }
    var shown = datasets(charts[0])[0].data;
    var url = panel.getAttribute("data-charts")
        + (shown.length ? "&since=" + shown[shown.length - 1].x : "");
    extending = true;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("chart points: " + response.status);
        }
        return response.json();
      })
      .then(function (tail) {
        charts.forEach(function (widget) { extend(widget, tail); });
      })
      .catch(function () {
        // The next sample asks again from the same point.
      })
      .finally(function () { extending = false; });
  }

  // The breakdown by type and top errors: read after the page shows (their queries walk the
  // range's history), then again on a new metrics sample, at most once a minute.
  var insightsAt = 0;
  var insightsLoading = false;
  function loadInsights(first) {
    var section = document.getElementById("insights");
    var now = Date.now();
    if (!section || insightsLoading || (!first && now - insightsAt < 60000)) {
      return;
    }
    insightsLoading = true;
    insightsAt = now;
    fetch(section.getAttribute("data-insights"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("insights: " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        // Escaped by the server; a signed-out session answers the sign-in page, without them.
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("insights");
        if (!fresh) {
          throw new Error("insights: not in the answer");
        }
        fresh.setAttribute("data-insights", section.getAttribute("data-insights"));
        section.replaceWith(fresh);
      })
      .catch(function () {
        if (first) {
          section.removeAttribute("aria-busy");
          section.querySelector("p").textContent =
              "The task types and errors could not be read; reload the page to try again.";
        }
      })
      .finally(function () { insightsLoading = false; });
  }

  function datasets(widget) {
    return (widget.chart ? widget.chart.data : widget.cfg.config.data).datasets;
  }

  function extend(widget, tail) {
    var first = tail.points.length ? tail.points[0].x : Infinity;
    datasets(widget).forEach(function (set) {
      var kept = set.data.filter(function (p) { return p.x >= tail.from && p.x < first; });
      tail.points.forEach(function (p) { kept.push({ x: p.x, y: p[set.field] }); });
      set.data = kept;
    });
    var options = widget.chart ? widget.chart.options : widget.cfg.config.options;
    options.scales.x.min = tail.from;
    options.scales.x.max = tail.to;
    if (widget.chart) {
      widget.chart.update("none");
    }
  }

  // The cards' buttons, those of cards added live included: one remote command (DashboardView.act).
  function act(event) {
    var button = event.target.closest("button[data-action]");
    if (!button) {
      return;
    }
    var queue = button.closest("[data-queue]").getAttribute("data-queue");
    var action = button.getAttribute("data-action");
    if (action === "drain"
        && !window.confirm("Cancel every queued, scheduled and waiting task of " + queue + "?")) {
      return;
    }
    window.queueAction([{ name: "queue", value: queue }, { name: "action", value: action }]);
  }

  // A JSON field says as it is typed whether it parses (the server checks it again).
  function checkJson(field) {
    var status = document.getElementById(field.getAttribute("data-json"));
    try {
      JSON.parse(field.value);
      status.textContent = "Valid JSON";
      field.removeAttribute("aria-invalid");
    } catch (e) {
      status.textContent = "Not JSON yet: " + e.message;
      field.setAttribute("aria-invalid", "true");
    }
  }

  // A menu that shows what it picks at once (the dashboard's queue).
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-submit-on-change]")) {
      event.target.form.submit();
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-json]")) {
      checkJson(event.target);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var indicator = document.getElementById("ty-live");
    if (indicator) {
      live(indicator);
    }
    if (cards()) {
      cards().addEventListener("click", act);
    }
    loadInsights(true);
    tick();
    setInterval(tick, 1000);
  });
})();

// The console in the browser: the reader's time zone for the server, and the live feed.
(function () {
  "use strict";

  // Times are shown in the reader's zone (ConsoleFormat reads this cookie).
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) {
    document.cookie = "ty-tz=" + encodeURIComponent(zone) + "; path=/; SameSite=Strict";
  }

  var FIELDS = ["queued", "running", "scheduled", "waiting", "dead", "succeeded"];
  var numbers = new Intl.NumberFormat();

  // One WebSocket per page (LiveSocket): every queue on (re)connect, then what changed.
  function live(indicator) {
    var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host
        + indicator.getAttribute("data-path");
    var delay = 500;
    var stats = window.taskyardLive = { messages: 0, lastAt: 0, lags: [] };
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
          apply(data);
          reloadSoon("reloadActive");
          reloadSoon("reloadQueuePage");
        } else if (data.type === "alert.raised" || data.type === "alert.resolved") {
          toast(data);
        } else if (data.type === "unavailable") {
          show("off", "Redis unavailable");
        }
        stats.messages++;
        stats.lastAt = performance.timeOrigin + performance.now();
        if (data.at) {
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
  function toast(alert) {
    var box = document.getElementById("ty-toasts");
    var item = document.createElement("div");
    var raised = alert.type === "alert.raised";
    item.className = "ty-toast ty-severity-" + (raised ? alert.severity : "RESOLVED");
    item.setAttribute("role", "alert");
    var text = document.createElement("a");
    text.href = box.getAttribute("data-notifications");
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

  // Asks a page's remote command to read again, at most once a second.
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
    tick();
    setInterval(tick, 1000);
  });
})();

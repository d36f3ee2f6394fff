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
    var stats = window.taskyardLive = { messages: 0, lastAt: 0 };
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
        } else if (data.type === "unavailable") {
          show("off", "Redis unavailable");
        }
        stats.messages++;
        stats.lastAt = performance.timeOrigin + performance.now();
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
    card.querySelector("[data-field=name]").textContent = queue;
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
      card.querySelector("[data-field=paused]").hidden = !q.paused;
    });
    if (data.full) {
      cards().querySelectorAll("[data-queue]").forEach(function (card) {
        if (!seen[card.getAttribute("data-queue")]) {
          card.remove();
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var indicator = document.getElementById("ty-live");
    if (indicator) {
      live(indicator);
    }
  });
})();

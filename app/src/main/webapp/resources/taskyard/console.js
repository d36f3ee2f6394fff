// Tells the server the reader's time zone, so the console shows times in it (ConsoleFormat).
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone) {
    document.cookie = "ty-tz=" + encodeURIComponent(zone) + "; path=/; SameSite=Strict";
  }
})();

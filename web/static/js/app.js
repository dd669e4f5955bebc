// Marquee's small progressive enhancements. Pages work without this file.
(function () {
  "use strict";

  // Send the CSRF token with every htmx request (forms carry it as a field).
  document.addEventListener("htmx:configRequest", function (evt) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) {
      evt.detail.headers["X-CSRF-Token"] = meta.content;
    }
  });

  // Alerts fade out on their own after a while; errors stay.
  document.addEventListener("htmx:afterSwap", function () {
    document.querySelectorAll(".alert--success, .alert--info").forEach(function (el) {
      setTimeout(function () { el.remove(); }, 6000);
    });
  });

  // Search suggestions: arrow keys move from the box through the
  // suggestions and back, Escape returns to the box.
  document.addEventListener("keydown", function (evt) {
    var input = document.getElementById("site-search-q");
    var box = document.getElementById("site-search-suggest");
    if (!input || !box || (evt.target !== input && !box.contains(evt.target))) { return; }
    var links = Array.prototype.slice.call(box.querySelectorAll("a[href]"));
    var at = links.indexOf(evt.target);
    if (evt.key === "ArrowDown" && links.length) {
      evt.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (evt.key === "ArrowUp" && at >= 0) {
      evt.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    } else if (evt.key === "Escape" && at >= 0) {
      input.focus();
    }
  });
})();

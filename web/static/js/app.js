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
})();

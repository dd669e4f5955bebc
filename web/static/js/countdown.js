// Counts down a seat hold on the checkout page. The server's clock is the
// truth: the page carries the deadline and the server's time when it was
// made, so a wrong clock on this device doesn't matter. When time is up the
// held-seats view gives way to the "seats released" message the server
// rendered alongside it. Without this script the page still shows the
// deadline, and reloading it shows the released state.
(function () {
  "use strict";
  var el = document.querySelector("[data-countdown]");
  if (!el) { return; }
  var left = Date.parse(el.getAttribute("data-deadline")) - Date.parse(el.getAttribute("data-now"));
  if (isNaN(left)) { return; }
  var clock = el.querySelector("[data-countdown-clock]");
  var announce = el.querySelector("[data-countdown-announce]");
  var start = Date.now();
  var warned = false;
  var timer;

  function show(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    clock.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function release() {
    clearInterval(timer);
    document.querySelectorAll("[data-while-held]").forEach(function (n) { n.hidden = true; });
    document.querySelectorAll("[data-when-released]").forEach(function (n) { n.hidden = false; });
    var heading = document.getElementById("released-title");
    if (heading) { heading.focus(); }
  }

  function tick() {
    var ms = left - (Date.now() - start);
    if (ms <= 0) { release(); return; }
    show(ms);
    if (ms <= 60000 && !warned) {
      warned = true;
      el.classList.add("is-ending");
      // The words come translated from the page.
      if (announce) { announce.textContent = announce.getAttribute("data-minute-left") || ""; }
    }
  }

  tick();
  timer = setInterval(tick, 1000);
})();

// After htmx swaps the checkout's price panel (a promo code applied or
// removed), focus what changed: the refused code's field (it carries
// autofocus) or the notice saying what was done, so keyboard and
// screen-reader users are not left on a button that no longer exists.
document.addEventListener("htmx:afterSettle", function (e) {
  "use strict";
  var path = (e.detail && e.detail.pathInfo && e.detail.pathInfo.requestPath) || "";
  var panel = document.getElementById("checkout-price");
  if (!panel || !/\/promo(\/remove)?$/.test(path)) { return; }
  var next = panel.querySelector("[aria-invalid=true]") || panel.querySelector("[data-focus-after-swap]") || panel.querySelector("#promo-code");
  if (next) { next.focus(); }
});

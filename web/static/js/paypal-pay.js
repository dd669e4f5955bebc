// The pay page's PayPal step: renders PayPal's buttons for the order made
// when the payment began (createOrder hands PayPal that order, no extra
// round trip), and once the buyer approves in PayPal's window posts the
// capture (with the CSRF token, as every form) and goes to the pay page,
// which shows the outcome. Closing PayPal's window, or PayPal failing,
// is said in the step's status line; nothing is charged then.
(function () {
  "use strict";

  function mount(box) {
    var status = box.querySelector("[data-paypal-status]");
    var loading = box.querySelector("[data-paypal-loading]");
    function say(text) { status.textContent = text || ""; }
    if (typeof window.paypal === "undefined" || !window.paypal.Buttons) {
      if (loading) { loading.remove(); }
      say(box.getAttribute("data-load-error"));
      return;
    }
    var done = false;
    window.paypal.Buttons({
      createOrder: function () {
        say("");
        return box.getAttribute("data-order");
      },
      onApprove: function () {
        if (done) { return; }
        done = true;
        box.classList.add("is-busy");
        status.setAttribute("role", "status");
        say(box.getAttribute("data-working"));
        var body = new URLSearchParams();
        body.set("_csrf", box.getAttribute("data-csrf"));
        var next = box.getAttribute("data-next");
        // The answer is a redirect to the pay page: go there whatever it
        // is, the page shows where the payment stands.
        return fetch(box.getAttribute("data-capture"), {
          method: "POST",
          credentials: "same-origin",
          redirect: "manual",
          headers: { "X-CSRF-Token": box.getAttribute("data-csrf") },
          body: body
        }).then(function () { window.location.assign(next); }, function () { window.location.assign(next); });
      },
      onCancel: function () { say(box.getAttribute("data-cancelled")); },
      onError: function () { say(box.getAttribute("data-failed")); }
    }).render(box.querySelector("[data-paypal-buttons]")).then(function () {
      if (loading) { loading.remove(); }
    }, function () {
      say(box.getAttribute("data-load-error"));
    });
  }

  function init() { document.querySelectorAll("[data-paypal]").forEach(mount); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

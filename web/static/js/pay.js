// The pay page: formats the test card form as people type, guards against
// a second submission, runs Stripe's Payment Element when the Stripe
// provider is in use, and moves focus to what each step of the payment
// shows (and, on the booking page a payment lands on, to its confirmation).
// Without this file the card form still works.
(function () {
  "use strict";

  function digits(s) { return s.replace(/\D/g, ""); }

  document.addEventListener("input", function (evt) {
    var el = evt.target;
    if (el.id === "card-number") {
      el.value = digits(el.value).slice(0, 19).replace(/(\d{4})(?=\d)/g, "$1 ");
    } else if (el.id === "card-expiry" && evt.inputType !== "deleteContentBackward") {
      var d = digits(el.value).slice(0, 4);
      el.value = d.length > 2 ? d.slice(0, 2) + "/" + d.slice(2) : d;
    } else if (el.id === "card-cvc") {
      el.value = digits(el.value).slice(0, 4);
    }
  });

  // A plain (non-htmx) submission disables its button so a second click
  // can't send the card twice; the server refuses a second one anyway.
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!form.matches("[data-pay-form]")) { return; }
    if (form.dataset.busy === "1") { evt.preventDefault(); return; }
    form.dataset.busy = "1";
    form.classList.add("is-busy");
  });

  function mountStripe(form) {
    if (typeof Stripe === "undefined") {
      var box = form.querySelector("[data-stripe-error]");
      box.textContent = box.getAttribute("data-load-error") || "";
      return;
    }
    var stripe = Stripe(form.dataset.key);
    var elements = stripe.elements({ clientSecret: form.dataset.secret, appearance: { theme: "night" } });
    var element = elements.create("payment");
    element.mount("#payment-element");
    var button = form.querySelector("button[type=submit]");
    var errorBox = form.querySelector("[data-stripe-error]");
    form.addEventListener("submit", function (evt) {
      evt.preventDefault();
      if (button.disabled) { return; }
      button.disabled = true;
      form.classList.add("is-busy");
      errorBox.textContent = "";
      stripe.confirmPayment({ elements: elements, confirmParams: { return_url: form.dataset.return }, redirect: "if_required" })
        .then(function (result) {
          if (result.error && (result.error.type === "validation_error")) {
            errorBox.textContent = result.error.message;
            button.disabled = false;
            form.classList.remove("is-busy");
            return;
          }
          // Declined or not, the server learns the outcome from Stripe and
          // the status page shows it.
          window.location.assign(form.dataset.return);
        });
    });
  }

  // When htmx swaps in the payment's next step, focus its heading (or the
  // first refused field) and let screen readers hear it. The waiting panel
  // polls every second: focus moves only when the step changes.
  var lastKind = "";
  function focusStep() {
    var panel = document.getElementById("pay-panel");
    if (!panel) { return; }
    var kind = panel.getAttribute("data-kind") || "";
    var invalid = panel.querySelector("[aria-invalid=true]");
    if (invalid) { invalid.focus(); lastKind = kind; return; }
    if (kind === lastKind) { return; }
    lastKind = kind;
    var target = panel.querySelector("[data-step-focus]");
    if (target) { target.focus(); }
  }
  document.addEventListener("htmx:afterSettle", function (evt) {
    var path = (evt.detail && evt.detail.pathInfo && evt.detail.pathInfo.requestPath) || "";
    if (path.indexOf("/pay/") === 0) { focusStep(); }
  });

  // A just-paid booking: focus the confirmation heading and announce it.
  function greetPaid() {
    var heading = document.getElementById("paid-title");
    if (!heading) { return; }
    heading.focus();
    var live = document.querySelector("[data-paid-announce]");
    if (live) { setTimeout(function () { live.textContent = live.getAttribute("data-text"); }, 100); }
  }

  function init() {
    document.querySelectorAll("[data-stripe-form]").forEach(mountStripe);
    var panel = document.getElementById("pay-panel");
    if (panel) { lastKind = panel.getAttribute("data-kind") || ""; }
    greetPaid();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

// The pay page: formats the test card form as people type, guards against
// a second submission, and runs Stripe's Payment Element when the Stripe
// provider is in use. Without this file the card form still works.
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
      form.querySelector("[data-stripe-error]").textContent = "The secure card form couldn't load. Check your connection and reload the page.";
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

  function init() {
    document.querySelectorAll("[data-stripe-form]").forEach(mountStripe);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

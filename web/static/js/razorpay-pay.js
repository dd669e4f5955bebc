// The pay page's Razorpay panel: its button opens Razorpay Checkout for
// the payment's order (Razorpay's checkout.js, loaded beside this file),
// and what Checkout hands back on success (razorpay_payment_id,
// razorpay_order_id, razorpay_signature) is posted with the form's CSRF
// token to the server, which verifies it and goes on to the booking. A
// failed try stays in Checkout, where the buyer may try again.
(function () {
  "use strict";

  function fail(form, key) {
    var box = form.querySelector("[data-razorpay-error]");
    box.textContent = box.getAttribute(key) || "";
  }

  function open(form, button) {
    if (typeof window.Razorpay !== "function") {
      fail(form, "data-load-error");
      return;
    }
    var d = form.dataset;
    form.querySelector("[data-razorpay-error]").textContent = "";
    var checkout = new window.Razorpay({
      key: d.key,
      order_id: d.order,
      amount: Number(d.amount),
      currency: d.currency,
      name: "Marquee",
      description: d.description,
      notes: { payment_id: d.payment },
      handler: function (res) {
        form.elements.razorpay_payment_id.value = res.razorpay_payment_id;
        form.elements.razorpay_order_id.value = res.razorpay_order_id;
        form.elements.razorpay_signature.value = res.razorpay_signature;
        button.disabled = true;
        form.classList.add("is-busy");
        form.submit();
      },
      modal: { ondismiss: function () { button.focus(); } }
    });
    checkout.on("payment.failed", function () { fail(form, "data-failed"); });
    checkout.open();
  }

  function mount(root) {
    root.querySelectorAll("[data-razorpay-form]").forEach(function (form) {
      var button = form.querySelector("[data-razorpay-open]");
      if (!button || button.dataset.mounted === "1") { return; }
      button.dataset.mounted = "1";
      button.hidden = false;
      button.addEventListener("click", function () { open(form, button); });
    });
  }

  mount(document);
  // The panel can be swapped in by htmx (a step of the pay page).
  document.addEventListener("htmx:load", function (evt) { mount(evt.target); });
})();

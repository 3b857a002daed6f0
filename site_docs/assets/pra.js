/* PRA portal: small enhancements. Every form here works without this file.
   (Form actions already carry extra.api_base: hooks/pra_extra.py puts it in at build time.) */
(function () {
  "use strict";

  var STATUS_LINK = /^#(PRA-\d{4}-\d{5,}):([A-Za-z0-9-]+)$/i;

  // The acknowledgement email links to status/#PRA-2026-00042:CODE. Fill the
  // form from it, then drop the code from the address bar and this history entry.
  function fillStatusFromLink() {
    var form = document.getElementById("pra-status-form");
    var match = form && STATUS_LINK.exec(decodeHash(location.hash));
    if (!match) return;
    form.elements.tracking_number.value = match[1].toUpperCase();
    form.elements.code.value = match[2].toUpperCase();
    history.replaceState(history.state, "", location.pathname + location.search);
  }

  function decodeHash(hash) {
    try {
      return decodeURIComponent(hash || "");
    } catch (error) {
      return "";
    }
  }

  // An email address is needed for delivery by email, a postal one for mail.
  // The server checks this too; here the browser can say so before sending.
  function requireContactForDelivery() {
    var form = document.getElementById("pra-request-form");
    if (!form) return;
    var update = function () {
      var delivery = form.elements.delivery.value;
      form.elements.email.required = delivery === "email";
      form.elements.mailing_address.required = delivery === "mail";
    };
    form.addEventListener("change", update);
    update();
  }

  fillStatusFromLink();
  requireContactForDelivery();
})();

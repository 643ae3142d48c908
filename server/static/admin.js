// rutin administration: the pages work fully without this file.
// Publishing, replacing and removing re-index the knowledge base and take some seconds: the
// button that sent the form says so, and a second click is ignored (walk-through, stop 19:
// "Publicera" took about 10 s with no sign that anything was happening).
(function () {
  "use strict";
  var busy = {publish: "Publicerar … det tar några sekunder", preview: "Läser in …",
              remove: "Tar bort … det tar några sekunder"};
  document.querySelectorAll("form.admin-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sending) { event.preventDefault(); return; }
      form.dataset.sending = "1";
      form.setAttribute("aria-busy", "true");
      var sender = event.submitter || form.querySelector("button[type=submit]");
      if (!sender) { return; }
      // left enabled: a button disabled during "submit" would drop its name=value (action)
      sender.setAttribute("aria-disabled", "true");
      var label = busy[sender.value] || (/ta-bort/.test(form.action) ? busy.remove : busy.preview);
      sender.textContent = label;
      var status = document.createElement("p");
      status.className = "notice";
      status.setAttribute("role", "status");
      status.textContent = label + ".";
      form.appendChild(status);
    });
  });
})();

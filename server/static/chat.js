// rutin: small enhancements of the chat form; the page works fully without this file.
// - Enter sends the question (Shift+Enter makes a new line).
// - The ask button shows that the question is being answered, and a second click is ignored.
// - After an answer, focus moves to the answer's heading so screen readers read it first.
(function () {
  "use strict";
  document.querySelectorAll("form[data-ask]").forEach(function (form) {
    var box = form.querySelector("textarea");
    var button = form.querySelector("button[type=submit]");
    if (box) {
      box.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          if (box.value.trim()) { form.requestSubmit ? form.requestSubmit() : form.submit(); }
        }
      });
    }
    form.addEventListener("submit", function (event) {
      if (form.dataset.sending) { event.preventDefault(); return; }
      form.dataset.sending = "1";
      // The button that sent the form (a quick reply: name="message", value = the reply) is
      // left enabled: a button disabled during "submit" is dropped from the form's data, and
      // the reply arrived empty. The second click is stopped by data-sending above.
      var sender = event.submitter || button;
      if (sender) {
        sender.setAttribute("aria-disabled", "true");
        if (!sender.name) { sender.textContent = form.closest("[lang=en]") ? "Answering …" : "Svarar …"; }
      }
    });
  });
  // Copy buttons (hidden without JavaScript; the values stay selectable text): one value, or
  // the whole registration card as plain "Fält: värde" lines.
  function copyText(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = button.closest("[lang=en]") ? "Copied" : "Kopierat";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {});
      return;
    }
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "absolute";
    area.style.left = "-9999px"; document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); done(); } catch (e) { /* nothing to do */ }
    document.body.removeChild(area);
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copyText(button.dataset.copy, button); });
  });
  document.querySelectorAll("button[data-copy-card]").forEach(function (button) {
    // (each visit's own card when a message described several)
    var card = (button.closest(".visit-part") || button.closest(".answer"))
      .querySelector("dl.registration-card");
    if (!card) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var lines = [];
      card.querySelectorAll(":scope > div").forEach(function (row) {
        var field = row.querySelector("dt").textContent.trim();
        var value = row.querySelector("dd .value");
        lines.push(field + ": " + (value ? value.textContent.trim()
                                         : row.querySelector("dd").textContent.trim()));
      });
      copyText(lines.join("\n"), button);
    });
  });
  // On a small screen the sources after the first start collapsed (open without JavaScript).
  if (window.matchMedia && window.matchMedia("(max-width: 36rem)").matches) {
    document.querySelectorAll("details[data-collapse-small]").forEach(function (d) {
      d.open = false;
    });
  }
  // After the browser has scrolled to the conversation's #svar-N (which would take the focus
  // back), the latest answer's heading gets the focus, so screen readers read it first.
  var heading = document.getElementById("answer-heading");
  if (heading) {
    var focusAnswer = function () { heading.focus({ preventScroll: false }); };
    if (document.readyState === "complete") { setTimeout(focusAnswer, 0); }
    else { window.addEventListener("load", function () { setTimeout(focusAnswer, 0); }); }
  }
})();

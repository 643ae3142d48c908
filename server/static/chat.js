// rutin: small enhancements of the chat form; the page works fully without this file.
// - Enter sends the question (Shift+Enter makes a new line).
// - The button shows that the question is being answered, and a second click is ignored.
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
      if (button) { button.disabled = true; button.textContent = "Svarar …"; }
    });
  });
  var heading = document.getElementById("answer-heading");
  if (heading) { heading.focus({ preventScroll: false }); }
})();

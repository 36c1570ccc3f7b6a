// What every page may ask of the browser, by data- attributes (the Content Security Policy allows no inline
// script and no on…= handler attributes, see sevenc/lib/csp.py). Listeners sit on the document, so markup
// that htmx swaps in later works too.
//   <form data-confirm="Delete it?">      asks before the form is sent; Cancel keeps it from being sent
//   <button type="button" data-print>     prints the page
//   <select data-autosubmit>              sends its form as soon as a choice is made
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) return;
    if (!window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();  // htmx must not send a form the user cancelled either
    }
  }, true);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { event.preventDefault(); window.print(); }
  });
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches("select[data-autosubmit]") || !select.form) return;
    if (select.form.requestSubmit) select.form.requestSubmit(); else select.form.submit();
  });
})();

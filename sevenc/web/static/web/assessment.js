// Keyboard entry for the assessment workspace: digits set the focused item's level, arrows move.
// Saving is htmx's job (each item form posts on "change"); this file only turns keys into changes.
(function () {
  "use strict";
  var LEVEL_KEYS = { "0": "0", "1": "1", "2": "2", "3": "3", "4": "4", n: "na", N: "na", Backspace: "", Delete: "" };

  function items() { return Array.prototype.slice.call(document.querySelectorAll("form.item")); }

  function move(from, step) {
    var list = items();
    var next = list[list.indexOf(from) + step];
    if (next) { next.focus(); next.scrollIntoView({ block: "center" }); }
  }

  document.documentElement.dataset.keyboard = "ready";  // browser tests wait for this
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.matches("textarea, select, input[type=text], input[type=search], summary")) return;
    var item = target.closest && target.closest("form.item");
    if (!item) return;
    if (Object.prototype.hasOwnProperty.call(LEVEL_KEYS, event.key)) {
      var input = item.querySelector('input[name="level"][value="' + LEVEL_KEYS[event.key] + '"]');
      if (!input || input.disabled) return;
      event.preventDefault();
      if (!input.checked) {
        input.checked = true;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
      item.focus();
    } else if (event.key === "ArrowDown" || event.key === "j") {
      event.preventDefault(); move(item, 1);
    } else if (event.key === "ArrowUp" || event.key === "k") {
      event.preventDefault(); move(item, -1);
    }
  });
})();

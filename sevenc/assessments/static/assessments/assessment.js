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

// Send only what the user changed: each item form remembers the names of its edited fields and puts them in
// "changed" when htmx sends it, so a save never overwrites a field someone else edited meanwhile.
(function () {
  "use strict";
  function remember(event) {
    var form = event.target.closest && event.target.closest("form.item");
    if (!form || !event.target.name || event.target.name === "changed" || event.target.name === "version") return;
    form._changed = form._changed || {};
    form._changed[event.target.name] = true;
  }
  document.addEventListener("input", remember, true);
  document.addEventListener("change", remember, true);
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form.item")) return;
    event.detail.parameters.changed = Object.keys(form._changed || {}).join(",");
    form._changed = {};
  });
})();

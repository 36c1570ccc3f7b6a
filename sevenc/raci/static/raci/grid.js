// The responsibility grid: a spreadsheet-like editor. Arrows move between cells; typing R, A, C or I
// replaces the focused cell's letters in a small input (Enter saves and moves down, Tab right, Esc
// cancels); F2 or Enter edits the letters there; Delete clears. Each save goes through htmx, which swaps
// in the cell as stored, the findings, the row's flags and the loads (out of band).
(function () {
  "use strict";
  var grid = document.querySelector("table.raci-grid");
  if (!grid) return;
  var saveUrl = grid.dataset.save || "";  // absent when the caller may only read
  var parties = Array.prototype.map.call(grid.querySelectorAll("thead th[data-party]"), function (th) {
    return th.dataset.party;
  });
  var rows = Array.prototype.slice.call(grid.querySelectorAll("tbody tr[data-area]"));
  rows.forEach(function (tr, n) { tr.raciRow = n; });
  var LETTERS = "RACI";
  var current = null;

  function rid(code) { return code.replace(/\./g, "_"); }
  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }
  function cellAt(row, column) {
    var tr = rows[Math.max(0, Math.min(rows.length - 1, row))];
    return tr ? tr.cells[1 + Math.max(0, Math.min(parties.length - 1, column))] : null;
  }
  function where(td) { return [td.parentElement.raciRow, td.cellIndex - 1]; }
  function focusCell(td) {
    if (!td) return;
    if (current && current !== td) current.tabIndex = -1;
    td.tabIndex = 0;
    current = td;
    td.focus();
  }
  function move(td, rowStep, columnStep) {
    var at = where(td);
    focusCell(cellAt(at[0] + rowStep, at[1] + columnStep));
  }
  function normal(value) {
    var text = value.trim().toUpperCase();
    for (var i = 0; i < text.length; i++) if (LETTERS.indexOf(text[i]) < 0) return text;  // the server names it
    return LETTERS.split("").filter(function (l) { return text.indexOf(l) >= 0; }).join("");
  }

  function save(td, letters) {
    var area = td.parentElement.dataset.area, party = parties[td.cellIndex - 1];
    var id = "cell-" + rid(area) + "--" + rid(party);
    td.id = id;
    td.classList.add("saving");
    td.setAttribute("aria-busy", "true");
    htmx.ajax("POST", saveUrl, {
      source: td,
      swap: "none",
      headers: { "X-CSRFToken": csrf() },
      values: { area: area, party: party, letters: letters, version: td.dataset.v || "0", columns: parties.join(",") }
    }).then(function () {
      var fresh = document.getElementById(id);
      if (!fresh || fresh === td) return;
      if (current === td) {
        var hadFocus = document.activeElement === document.body || document.activeElement === null;
        current = fresh;
        fresh.tabIndex = 0;
        if (hadFocus) fresh.focus();
      }
    });
  }

  function edit(td, value) {
    if (td.querySelector("input")) return;
    var before = td.textContent.trim();
    var input = document.createElement("input");
    input.type = "text";
    input.maxLength = 8;
    input.autocomplete = "off";
    input.value = value;
    input.setAttribute("aria-label", "Letters for " + td.parentElement.dataset.area + " × " + parties[td.cellIndex - 1]);
    td.textContent = "";
    td.appendChild(input);
    input.focus();
    input.setSelectionRange(value.length, value.length);
    var done = false;
    function finish(commit, step) {
      if (done) return;
      done = true;
      var value = normal(input.value);
      td.textContent = commit ? value : before;
      if (commit && value !== before) save(td, value);
      if (step) move(td, step[0], step[1]); else focusCell(td);
    }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); finish(true, [1, 0]); }
      else if (event.key === "Tab") { event.preventDefault(); finish(true, [0, event.shiftKey ? -1 : 1]); }
      else if (event.key === "Escape") { event.preventDefault(); finish(false, null); }
      else if (event.key === "ArrowDown") { event.preventDefault(); finish(true, [1, 0]); }
      else if (event.key === "ArrowUp") { event.preventDefault(); finish(true, [-1, 0]); }
      event.stopPropagation();
    });
    input.addEventListener("blur", function () { finish(true, null); if (current === td) td.tabIndex = 0; });
  }

  var MOVES = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1], PageDown: [10, 0], PageUp: [-10, 0] };
  grid.addEventListener("keydown", function (event) {
    var td = event.target;
    if (td.tagName !== "TD" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (Object.prototype.hasOwnProperty.call(MOVES, event.key)) {
      event.preventDefault();
      move(td, MOVES[event.key][0], MOVES[event.key][1]);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      focusCell(cellAt(where(td)[0], event.key === "Home" ? 0 : parties.length - 1));
    } else if (!saveUrl || td.classList.contains("saving")) {
      return;
    } else if (event.key.length === 1 && LETTERS.indexOf(event.key.toUpperCase()) >= 0) {
      event.preventDefault();
      edit(td, event.key.toUpperCase());
    } else if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      edit(td, td.textContent.trim());
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      if (td.textContent.trim()) { td.textContent = ""; save(td, ""); }
    }
  });
  grid.addEventListener("click", function (event) {
    var td = event.target.closest("td");
    if (td && !td.querySelector("input")) focusCell(td);
  });
  grid.addEventListener("dblclick", function (event) {
    var td = event.target.closest("td");
    if (td && saveUrl) edit(td, td.textContent.trim());
  });

  function showArea(code) {
    var tr = grid.querySelector('tr[data-area="' + CSS.escape(code) + '"]');
    if (!tr) return false;
    tr.scrollIntoView({ block: "center" });
    focusCell(tr.cells[1]);
    return true;
  }
  // A finding's link focuses its row when the row is on the page (the findings are swapped in, so delegate).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#raci-findings a[data-area]");
    if (link && showArea(link.dataset.area)) {
      event.preventDefault();
      history.replaceState(null, "", "#area-" + rid(link.dataset.area));
    }
  });
  var first = cellAt(0, 0);
  if (first) first.tabIndex = 0;
  current = first;
  if (location.hash.indexOf("#area-") === 0) {
    var th = document.getElementById(location.hash.slice(1));
    if (th) showArea(th.parentElement.dataset.area);
  }
  document.documentElement.dataset.raciGrid = "ready";  // browser tests wait for this
})();

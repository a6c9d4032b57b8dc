(function () {
  "use strict";
  var body = document.body;
  var table = document.getElementById("findings");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.querySelectorAll("tr.f"));
  var q = document.getElementById("q");
  var sev = document.getElementById("sev");
  var chk = document.getElementById("check");
  var grp = document.getElementById("group");
  var fresh = document.getElementById("new"); // only with a run history
  var shown = document.getElementById("shown");
  var chip = document.getElementById("owner");
  var ownerSel = null; // the owner the table is filtered to, or null
  var heads = table.tHead.rows[0].cells;
  var sortCol = -1, sortDir = 1;

  // norm folds full-width letters and digits and case, so ＡＢＣ finds abc.
  function norm(s) { return String(s).normalize("NFKC").toLowerCase(); }
  // The search looks at every cell but the remediation (td.fix).
  var hay = rows.map(function (tr, i) {
    tr.setAttribute("data-i", String(i));
    return norm(Array.prototype.filter.call(tr.cells, function (td) {
      return !td.classList.contains("fix");
    }).map(function (td) { return td.textContent; }).join("\n"));
  });

  function key(tr, col) {
    var td = tr.cells[col];
    var s = td.getAttribute("data-sort");
    return s !== null ? Number(s) : td.textContent.toLowerCase();
  }
  function order(a, b) { return Number(a.getAttribute("data-i")) - Number(b.getAttribute("data-i")); }

  function render() {
    var text = norm(q.value.trim()), s = sev.value, c = chk.value;
    var list = rows.slice().sort(function (a, b) {
      if (sortCol >= 0) {
        var x = key(a, sortCol), y = key(b, sortCol);
        if (x < y) { return -sortDir; }
        if (x > y) { return sortDir; }
      }
      return order(a, b);
    });
    if (grp.checked) {
      list.sort(function (a, b) {
        var x = a.getAttribute("data-owner"), y = b.getAttribute("data-owner");
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
    Array.prototype.slice.call(tbody.querySelectorAll("tr.g")).forEach(function (g) { g.remove(); });
    var n = 0, owner = null, head = null, inGroup = 0;
    function closeGroup() {
      if (head) { head.cells[0].textContent = (owner || body.getAttribute("data-no-owner")) + " (" + inGroup + ")"; }
    }
    list.forEach(function (tr) {
      var ok = (!s || tr.getAttribute("data-sev") === s) &&
        (!c || (" " + tr.getAttribute("data-check") + " ").indexOf(" " + c + " ") >= 0) &&
        (!fresh || !fresh.checked || tr.hasAttribute("data-new")) &&
        (ownerSel === null || tr.getAttribute("data-owner") === ownerSel) &&
        (!text || hay[Number(tr.getAttribute("data-i"))].indexOf(text) >= 0);
      tr.hidden = !ok;
      if (ok && grp.checked && tr.getAttribute("data-owner") !== owner) {
        closeGroup();
        owner = tr.getAttribute("data-owner");
        inGroup = 0;
        head = document.createElement("tr");
        head.className = "g";
        var th = document.createElement("th");
        th.colSpan = heads.length;
        th.scope = "rowgroup";
        head.appendChild(th);
        tbody.appendChild(head);
      }
      tbody.appendChild(tr);
      if (ok) { n++; inGroup++; }
    });
    closeGroup();
    shown.textContent = body.getAttribute("data-shown").replace("%d", String(n)).replace("%d", String(rows.length));
    Array.prototype.forEach.call(document.querySelectorAll(".counts button"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-sev") === s));
    });
  }

  Array.prototype.forEach.call(heads, function (th, col) {
    th.tabIndex = 0;
    function sortBy() {
      sortDir = sortCol === col ? -sortDir : (th.getAttribute("data-desc") !== null ? -1 : 1);
      sortCol = col;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      render();
    }
    th.addEventListener("click", sortBy);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sortBy(); } });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".counts button"), function (b) {
    b.addEventListener("click", function () {
      sev.value = sev.value === b.getAttribute("data-sev") ? "" : b.getAttribute("data-sev");
      render();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-owner-filter]"), function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      ownerSel = a.getAttribute("data-owner-filter");
      chip.textContent = "✕ " + (ownerSel || body.getAttribute("data-no-owner"));
      chip.hidden = false;
      render();
      document.getElementById("controls").scrollIntoView();
    });
  });
  chip.addEventListener("click", function () {
    ownerSel = null;
    chip.hidden = true;
    render();
  });
  q.addEventListener("input", render);
  sev.addEventListener("change", render);
  chk.addEventListener("change", render);
  grp.addEventListener("change", render);
  if (fresh) { fresh.addEventListener("change", render); }
  document.getElementById("controls").hidden = false;
  render();
}());

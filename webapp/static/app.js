// Progressive enhancement only: the page works the same without JavaScript.
document.documentElement.classList.add("js");
// the timelines: dragging across the bars asks for the search over that range (the bars
// and the per-year links work without this)
function rangeDrag(svg) {
  var bars = Array.prototype.slice.call(svg.querySelectorAll("a[data-from]"));
  var start = null, end = null, dragged = false;
  function barAt(ev) {
    var el = document.elementFromPoint(ev.clientX, ev.clientY);
    var a = el && el.closest ? el.closest("a[data-from]") : null;
    return a && svg.contains(a) ? a : null;
  }
  function mark() {
    var i = bars.indexOf(start), j = bars.indexOf(end);
    var lo = Math.min(i, j), hi = Math.max(i, j);
    bars.forEach(function (b, k) { b.classList.toggle("picked", start !== null && k >= lo && k <= hi); });
  }
  svg.addEventListener("dragstart", function (ev) { ev.preventDefault(); });
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0 || ev.pointerType === "touch") return;  // touch: the chart scrolls
    start = end = barAt(ev);
    dragged = false;
  });
  svg.addEventListener("pointermove", function (ev) {
    if (start === null) return;
    var a = barAt(ev);
    if (a && a !== end) { end = a; dragged = true; mark(); }
  });
  document.addEventListener("pointerup", function () {
    if (start === null) return;
    var a = start, b = end;
    start = null;
    mark();
    if (!dragged || a === b) { dragged = false; return; }  // a click: the bar's own link
    var first = bars.indexOf(a) < bars.indexOf(b) ? a : b, last = first === a ? b : a;
    var url = new URL(svg.getAttribute("data-range"), window.location.href);
    url.searchParams.set("date_from", first.getAttribute("data-from"));
    url.searchParams.set("date_to", last.getAttribute("data-to"));
    window.location.assign(url.toString());
  });
  svg.addEventListener("click", function (ev) {  // the drag ends on a bar: not its link
    if (dragged) { ev.preventDefault(); dragged = false; }
  }, true);
}
document.addEventListener("DOMContentLoaded", function () {
  Array.prototype.forEach.call(document.querySelectorAll("svg[data-range]"), rangeDrag);
});
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("search");
  if (!form) return;
  var FOCUS_KEY = "newsarchive.focus-total";
  // after a facet change the page comes back with focus on «Найдено», not in the query box
  try {
    if (sessionStorage.getItem(FOCUS_KEY)) {
      sessionStorage.removeItem(FOCUS_KEY);
      var total = document.getElementById("total");
      if (total) total.focus();
    }
  } catch (e) { /* storage off: focus stays where the browser puts it */ }
  // wide screens: the filter panel is always open (style.css shows it; this is for older browsers)
  var panel = document.getElementById("filters");
  if (panel && window.matchMedia("(min-width: 761px)").matches) panel.open = true;

  function apply() {
    try { sessionStorage.setItem(FOCUS_KEY, "1"); } catch (e) { /* no storage */ }
    // requestSubmit runs the submit handler below (form.submit() would skip it)
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }
  // a date applies only once complete: on leaving the field or Enter, never on each typed digit
  function dateComplete(el) {
    return el.value === "" || (el.validity.valid && /^[1-9][0-9]{3}-/.test(el.value));
  }
  form.addEventListener("change", function (ev) {
    if (ev.target && ev.target.type === "checkbox") apply();
  });
  form.addEventListener("focusout", function (ev) {
    var el = ev.target;
    if (el && el.type === "date" && el.value !== el.defaultValue && dateComplete(el)) apply();
  });
  form.addEventListener("keydown", function (ev) {
    var el = ev.target;
    if (ev.key === "Enter" && el && el.type === "date") {
      ev.preventDefault();
      if (dateComplete(el)) apply();
    }
  });
  // facet lists: «показать все» and the filter box ask /api/facets/<facet> and redraw the
  // list in place (without JavaScript both are links and a small form to the same page);
  // a ticked value always stays in the list, or applying the filters would drop it
  function facetList(fs) {
    var api = fs.getAttribute("data-api"), name = fs.getAttribute("data-facet");
    var ul = fs.querySelector("ul"), status = fs.querySelector(".facet-status");
    var seq = 0;
    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    }
    function draw(data, text) {
      var checked = {}, listed = {};
      Array.prototype.forEach.call(ul.querySelectorAll("input[type=checkbox]"), function (box) {
        if (box.checked) checked[box.value] = true;
      });
      var values = data.values.slice();
      values.forEach(function (v) { listed[v.value] = true; });
      Object.keys(checked).forEach(function (v) { if (!listed[v]) values.push({value: v, count: 0}); });
      var grouped = values.some(function (v) { return "under" in v; });
      if (grouped) {
        values = values.map(function (v, i) { return {v: v, i: i}; }).sort(function (a, b) {
          var ua = a.v.under || "", ub = b.v.under || "";
          return ua < ub ? -1 : ua > ub ? 1 : (b.v.count - a.v.count) || (a.i - b.i);
        }).map(function (x) { return x.v; });
      }
      while (ul.firstChild) ul.removeChild(ul.firstChild);
      values.forEach(function (v, i) {
        if (grouped && (i === 0 || (v.under || "") !== (values[i - 1].under || ""))) {
          ul.appendChild(el("li", "under", v.under || "другие"));
        }
        var li = el("li"), box = el("input"), label = el("label"), nameSpan = el("span", "name", v.value);
        box.type = "checkbox";
        box.id = "f-" + name + "-all-" + (i + 1);
        box.name = name;
        box.value = v.value;
        box.checked = !!checked[v.value] || !!v.selected;
        label.htmlFor = box.id;
        if (v.matched) nameSpan.appendChild(el("span", "alias", " (" + v.matched + ")"));
        label.appendChild(nameSpan);
        label.appendChild(document.createTextNode(" "));
        label.appendChild(el("span", "count", String(v.count)));
        li.appendChild(box);
        li.appendChild(label);
        ul.appendChild(li);
      });
      if (status) status.textContent = text ? "Найдено значений: " + data.total : "";
      var more = fs.querySelector(".more-link");
      if (more) more.parentNode.hidden = true;
    }
    function load(text, fallback) {
      var mine = ++seq;
      fetch(api + (api.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text),
            {headers: {"Accept": "application/json"}})
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .then(function (data) { if (mine === seq) draw(data, text); })
        .catch(function () { if (fallback) window.location.href = fallback; });
    }
    var more = fs.querySelector(".more-link");
    if (more) more.addEventListener("click", function (ev) {
      ev.preventDefault();
      var box = fs.querySelector(".facet-filter");
      load(box ? box.value.trim() : "", more.href);
    });
    var box = fs.querySelector(".facet-filter");
    if (box) {
      var timer = null;
      box.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { load(box.value.trim()); }, 200);
      });
      box.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter") {  // filter here rather than load the page of the whole list
          ev.preventDefault();
          clearTimeout(timer);
          load(box.value.trim());
        }
      });
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll("fieldset.facet[data-api]"), facetList);
  // back from the next page (bfcache): the fields disabled on submit are usable again
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
  });
  // empty fields out of the shared URL
  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && (el.type === "date" || el.type === "search") && !el.value) el.disabled = true;
    });
  });
});

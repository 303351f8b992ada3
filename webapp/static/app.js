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

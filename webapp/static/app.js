// Progressive enhancement only: the page works the same without JavaScript.
document.documentElement.classList.add("js");
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

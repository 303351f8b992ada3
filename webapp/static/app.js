// Progressive enhancement only: the page works the same without JavaScript.
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("search");
  if (!form) return;
  // a ticked facet or a changed date applies at once; without JS the "Применить" button does it
  form.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t && (t.type === "checkbox" || t.type === "date")) form.submit();
  });
  // empty fields out of the shared URL
  form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && (el.type === "date" || el.type === "search") && !el.value) el.disabled = true;
    });
  });
});

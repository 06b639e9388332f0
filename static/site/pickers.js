/* Type-ahead pickers: every select[data-picker] becomes a Tom Select box (vendor/tom-select).
   Without JavaScript (or without Tom Select) the plain <select> works as before; a lookup picker
   (common/lookups.py) then also offers its text box "<name>_text" for typed names or numbers.
   With data-picker-url, typing asks that JSON endpoint (?q=…) for matches in the user's scope: an
   /api/lookups/ page ({"results": [{"value", "text"}], "next"}) or an older pick.json
   ({"results": [...]}); the server has already matched, so every answer is shown as it comes.
   Labels come from the page's data attributes, so this file has nothing to translate. */
(function () {
  "use strict";
  if (typeof window.TomSelect === "undefined") { return; }
  function escape(text) {
    var div = document.createElement("div");
    div.textContent = text || "";
    return div.innerHTML;
  }
  function enhance(select) {
    var none = select.getAttribute("data-picker-none") || "";
    var options = {
      allowEmptyOption: true,
      maxOptions: 50,
      placeholder: select.getAttribute("data-picker-placeholder") || "",
      plugins: select.multiple ? ["remove_button"] : [],
      render: { no_results: function () { return "<div class=\"no-results\">" + escape(none) + "</div>"; } }
    };
    var url = select.getAttribute("data-picker-url");
    if (url) {
      options.shouldLoad = function (query) { return query.length > 0; };
      options.score = function () { return function () { return 1; }; };
      options.load = function (query, callback) {
        var sep = url.indexOf("?") < 0 ? "?" : "&";
        fetch(url + sep + "q=" + encodeURIComponent(query), {
          credentials: "same-origin", headers: { Accept: "application/json" }
        })
          .then(function (response) { return response.json(); })
          .then(function (data) { callback(data.results); })
          .catch(function () { callback(); });
      };
    }
    new window.TomSelect(select, options);
    // The no-JavaScript text box of a lookup picker is not needed any more.
    var typed = document.querySelector("[data-picker-typed-for=\"" + select.id + "\"]");
    if (typed) { typed.remove(); }
  }
  function start() { document.querySelectorAll("select[data-picker]").forEach(enhance); }
  // Loaded from the page's <head> (form media): wait for the form to exist.
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

// Copy the report paragraph to the clipboard (falls back to selecting it for Ctrl+C).
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy]");
  if (!button) return;
  var field = document.getElementById(button.dataset.copy);
  var done = button.parentElement.querySelector(".copied");
  function shown() { if (done) { done.hidden = false; setTimeout(function () { done.hidden = true; }, 2000); } }
  field.focus();
  field.select();
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(shown, function () { document.execCommand("copy"); shown(); });
  } else {
    document.execCommand("copy");
    shown();
  }
});

// Progressive enhancement for /help/ and /status/: after a full page load, move the focus to the
// error summary (so screen readers announce the problems) or to the result / receipt heading.
(function () {
  "use strict";
  function focusFirst() {
    var target = document.getElementById("error-summary") ||
      document.querySelector("[data-focus-on-load]");
    if (target) {
      target.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusFirst);
  } else {
    focusFirst();
  }
})();

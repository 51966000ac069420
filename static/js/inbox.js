// Staff inbox of online requests (issue 5). Progressive enhancement only: after a refused
// decision, move the focus to the error summary so screen readers announce the problems.
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();

// Small page helpers (no other host, no inline script):
// a <select data-tied-to="ID"> of sub-event types offers only the group of the event type
// chosen in the <select id="ID">, and keeps its choice when it still belongs there.
(function () {
  "use strict";
  document.querySelectorAll("select[data-tied-to]").forEach(function (sub) {
    var parent = document.getElementById(sub.dataset.tiedTo);
    if (!parent) { return; }
    function follow(initial) {
      var chosen = null;
      sub.querySelectorAll("optgroup").forEach(function (group) {
        var match = group.label === parent.value;
        group.hidden = !match;
        group.disabled = !match;
        if (match) { chosen = group; }
      });
      if (!chosen) { return; }
      var current = sub.options[sub.selectedIndex];
      if (!current || current.parentNode !== chosen) {
        if (initial && current && current.parentNode === sub) { return; }  // an uncoded value, kept until changed
        chosen.querySelector("option").selected = true;
      }
    }
    parent.addEventListener("change", function () { follow(false); });
    follow(true);
  });
})();

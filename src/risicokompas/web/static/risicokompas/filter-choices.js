// SPDX-License-Identifier: EUPL-1.2
// Progressive enhancement for long lists of checkboxes (the what-if page): a search box that hides the
// choices not matching what is typed and opens the groups that still hold a match. Without JavaScript the
// search box stays hidden and every choice is shown.
(function () {
  "use strict";
  document.querySelectorAll("[data-rk-filter]").forEach(function (input) {
    var fieldset = input.closest("fieldset");
    var wrapper = input.closest(".rk-choice-filter");
    var count = wrapper.querySelector(".rk-choice-count");
    wrapper.hidden = false;
    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      fieldset.querySelectorAll("details").forEach(function (group) {
        var inGroup = 0;
        group.querySelectorAll("[data-rk-choice]").forEach(function (choice) {
          var match = !query || choice.textContent.toLowerCase().indexOf(query) !== -1;
          // style, not the hidden attribute: the form field's CSS display would override that
          choice.style.display = match ? "" : "none";
          if (match) { inGroup += 1; }
        });
        group.style.display = inGroup === 0 ? "none" : "";
        if (query && inGroup > 0) { group.open = true; }
        shown += inGroup;
      });
      count.textContent = query ? shown + (shown === 1 ? " keuze gevonden" : " keuzes gevonden") : "";
    });
  });
})();

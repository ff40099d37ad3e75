// A calendar beside a yyyymmdd text field (status list, 001 §5: "yyyymmdd or calendar"). The text field is what is
// submitted; the calendar only writes into it, and follows what is typed. Without this script the text field alone works.
(() => {
  "use strict";
  const iso = (text) => {
    const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})$/.exec((text || "").trim());
    return m ? `${m[1]}-${m[2]}-${m[3]}` : "";
  };
  document.querySelectorAll("input[type=date][data-date-for]").forEach((calendar) => {
    const field = document.getElementById(calendar.dataset.dateFor);
    if (!field) {
      return;
    }

    calendar.closest(".date-pick").hidden = false;
    calendar.value = iso(field.value);
    calendar.addEventListener("change", () => {
      if (calendar.value) {
        field.value = calendar.value.replaceAll("-", "");
      }
    });
    field.addEventListener("change", () => {
      calendar.value = iso(field.value);
    });
  });
})();

/* Search-as-you-type choosers (districtlab/core/choosers.py): htmx fills each box's suggestions; this makes them an
   ARIA 1.2 combobox usable by keyboard (arrows, Enter, Escape) and pointer. Choosing a suggestion sends its id; typing
   again sends the text (which is also all the box does without JavaScript). Loaded once, whatever the boxes. */
(function () {
  "use strict";
  if (window.districtlabChooser) { return; }
  window.districtlabChooser = true;

  function parts(input) {
    var id = input.id;
    return {
      list: document.getElementById(id + "_options"),
      status: document.getElementById(id + "_status"),
      hidden: document.querySelector('input[data-chosen-for="' + id + '"]')
    };
  }

  function options(list) { return Array.prototype.slice.call(list.querySelectorAll('[role="option"]:not([aria-disabled="true"])')); }

  function close(input) {
    var p = parts(input);
    p.list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  /* The id goes in the hidden input under the field's name; the box keeps the name shown. */
  function sendId(input, id) {
    var p = parts(input), name = input.dataset.name || input.name;
    input.dataset.name = name;
    p.hidden.value = id;
    p.hidden.name = name;
    input.removeAttribute("name");
  }

  function sendText(input) {
    var p = parts(input);
    if (input.dataset.name) { input.name = input.dataset.name; }
    p.hidden.removeAttribute("name");
    p.hidden.value = "";
  }

  function choose(input, option) {
    input.value = option.dataset.label;
    sendId(input, option.dataset.value);
    parts(input).status.textContent = option.dataset.label + " chosen.";
    close(input);
  }

  function move(input, step) {
    var p = parts(input), all = options(p.list);
    if (!all.length) { return; }
    var current = all.findIndex(function (o) { return o.getAttribute("aria-selected") === "true"; });
    var next = (current + step + all.length) % all.length;
    all.forEach(function (o, i) { o.setAttribute("aria-selected", i === next ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", all[next].id);
    all[next].scrollIntoView({ block: "nearest" });
  }

  function init(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("input[data-chooser]").forEach(function (input) {
      var p = parts(input);
      if (p.hidden && p.hidden.value) { sendId(input, p.hidden.value); }
    });
  }

  document.addEventListener("input", function (e) {
    if (e.target.matches && e.target.matches("input[data-chooser]")) { sendText(e.target); }
  });

  document.addEventListener("keydown", function (e) {
    var input = e.target;
    if (!(input.matches && input.matches("input[data-chooser]"))) { return; }
    var p = parts(input);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (p.list.hidden && options(p.list).length) { p.list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      move(input, e.key === "ArrowDown" ? 1 : -1);
      e.preventDefault();
    } else if (e.key === "Enter" && !p.list.hidden && input.getAttribute("aria-activedescendant")) {
      choose(input, document.getElementById(input.getAttribute("aria-activedescendant")));
      e.preventDefault();
    } else if (e.key === "Escape" && !p.list.hidden) {
      close(input);
      e.preventDefault();
    }
  });

  document.addEventListener("click", function (e) {
    var option = e.target.closest && e.target.closest('.chooser [role="option"]:not([aria-disabled="true"])');
    document.querySelectorAll("input[data-chooser]").forEach(function (input) {
      var p = parts(input);
      if (option && p.list.contains(option)) { choose(input, option); input.focus(); }
      else if (e.target !== input) { close(input); }
    });
  });

  document.addEventListener("htmx:afterSwap", function (e) {
    var list = e.detail.target, input = list && document.querySelector('[aria-controls="' + list.id + '"][data-chooser]');
    if (!input) { return; }
    var found = options(list).length, any = list.children.length > 0;
    list.hidden = !any;
    input.setAttribute("aria-expanded", any ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
    parts(input).status.textContent = any ? (found === 1 ? "1 suggestion" : found + " suggestions") : "";
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
}());

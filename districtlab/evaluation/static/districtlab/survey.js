// Answering a survey saves as one goes: each change is posted (with save=1), one request at a time so a later
// answer is never overtaken by an earlier one, and the page says "Saving…", then "Saved." once everything typed is
// on the server, or names the problem beside the question. Without JavaScript, "Save and finish later" does it.
(function () {
  "use strict";
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = form.querySelector("[data-save-status]");
  let timer = null;
  let pending = new Set();
  let inFlight = false;

  function show(name, message) {
    const error = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (!error) return;
    error.textContent = message || "";
    error.hidden = !message;
  }

  async function save() {
    if (inFlight || pending.size === 0) return;
    inFlight = true;
    const names = pending;
    pending = new Set();
    const data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("save", "1");
    const current = new FormData(form);
    for (const name of names) {
      const values = current.getAll(name);
      if (values.length === 0) data.append(name, "");
      for (const value of values) data.append(name, value);
    }
    let message = "Saved.";
    try {
      const response = await fetch(window.location.href, {method: "POST", body: data, credentials: "same-origin"});
      const answer = await response.json();
      for (const name of names) show(name, (answer.errors || {})[name]);
      if (!answer.saved) message = answer.message || "Not saved: see the message beside the question.";
    } catch (e) {
      for (const name of names) pending.add(name);
      message = "Not saved: the connection dropped. Your answers are still on this page; they will be saved when it is back.";
    }
    inFlight = false;
    if (pending.size) {
      save();
    } else {
      status.textContent = message;
    }
  }

  form.addEventListener("input", function (event) {
    if (!event.target.name || event.target.name === "csrfmiddlewaretoken") return;
    pending.add(event.target.name);
    status.textContent = "Saving…";
    clearTimeout(timer);
    timer = setTimeout(save, event.target.type === "radio" || event.target.type === "checkbox" ? 0 : 800);
  });
  const problems = document.getElementById("problems");
  if (problems) problems.focus();
})();

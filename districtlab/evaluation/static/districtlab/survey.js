// Answering a survey saves as one goes: each change is posted (with save=1) and the page says "Saved" or names
// the problem beside the question. Without JavaScript, "Save and finish later" does the same.
(function () {
  "use strict";
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const status = form.querySelector("[data-save-status]");
  let timer = null;
  let pending = new Set();

  function show(name, message) {
    const error = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (!error) return;
    error.textContent = message || "";
    error.hidden = !message;
  }

  async function save() {
    const names = pending;
    pending = new Set();
    const data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("save", "1");
    for (const name of names) {
      const values = new FormData(form).getAll(name);
      if (values.length === 0) data.append(name, "");
      for (const value of values) data.append(name, value);
    }
    status.textContent = "Saving…";
    try {
      const response = await fetch(window.location.href, {method: "POST", body: data, credentials: "same-origin"});
      const answer = await response.json();
      for (const name of names) show(name, (answer.errors || {})[name]);
      status.textContent = answer.saved ? "Saved." : (answer.message || "Not saved: see the message beside the question.");
    } catch (e) {
      for (const name of names) pending.add(name);
      status.textContent = "Not saved: the connection dropped. Your answers are still on this page; they will be saved when it is back.";
    }
  }

  form.addEventListener("input", function (event) {
    if (!event.target.name || event.target.name === "csrfmiddlewaretoken") return;
    pending.add(event.target.name);
    clearTimeout(timer);
    timer = setTimeout(save, event.target.type === "radio" || event.target.type === "checkbox" ? 0 : 800);
  });
  const problems = document.getElementById("problems");
  if (problems) problems.focus();
})();

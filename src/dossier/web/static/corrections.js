// Correction buttons on the pages of a server started with a token. The token and the user name are
// asked for once and kept in this tab's sessionStorage; each click calls the REST API
// (/api/..., Authorization: Bearer) and reloads the page to show the corrected record.
(function () {
  "use strict";

  var status = document.getElementById("review-status");

  function say(text) {
    if (status) status.textContent = text;
  }

  function credentials() {
    var token = window.sessionStorage.getItem("dossier-token");
    if (!token) {
      token = window.prompt("This server's token (dossier serve --token):") || "";
      if (token) window.sessionStorage.setItem("dossier-token", token);
    }
    var user = window.sessionStorage.getItem("dossier-user");
    if (!user) {
      user = window.prompt("Your name, for the correction log:") || "";
      if (user) window.sessionStorage.setItem("dossier-user", user);
    }
    return { token: token, user: user };
  }

  function send(method, url, body) {
    var who = credentials();
    if (!who.token) { say("A token is needed to correct."); return; }
    var headers = { "Authorization": "Bearer " + who.token, "Content-Type": "application/json" };
    if (who.user) headers["X-Dossier-User"] = who.user;
    say("Saving…");
    window.fetch(url, { method: method, headers: headers, body: JSON.stringify(body || {}) })
      .then(function (answer) {
        return answer.json().then(function (data) { return { ok: answer.ok, status: answer.status, data: data }; });
      })
      .then(function (result) {
        if (result.ok) { window.location.reload(); return; }
        if (result.status === 401) window.sessionStorage.removeItem("dossier-token");
        say((result.data && result.data.message) || ("failed: " + result.status));
      })
      .catch(function () { say("The server could not be reached."); });
  }

  document.querySelectorAll("[data-correct]").forEach(function (button) {
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-url");
      if (/^\/api\//.test(url)) send(button.getAttribute("data-correct"), url, {});
    });
  });

  document.querySelectorAll("[data-correct-form]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var body = {};
      new window.FormData(form).forEach(function (value, key) { if (String(value).trim()) body[key] = String(value).trim(); });
      var url = form.getAttribute("data-url");
      if (/^\/api\//.test(url)) send(form.getAttribute("data-correct-form"), url, body);
    });
  });
})();

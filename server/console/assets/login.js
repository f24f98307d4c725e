"use strict";
// Outside --dev the console's page and API need the admin token: this
// page asks for it, keeps it for the tab, and opens the console with it.
document.getElementById("login").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const token = document.getElementById("token").value.trim();
  const res = await fetch(location.pathname, { headers: { Authorization: "Bearer " + token } });
  if (!res.ok) {
    document.getElementById("error").textContent = "The server refused that token (" + res.status + "): check LEGIBLE_ADMIN_TOKEN.";
    return;
  }
  sessionStorage.setItem("legible-admin-token", token);
  const html = await res.text();
  document.open();
  document.write(html);
  document.close();
});

// The test page's own script (same origin, allowed by its CSP): appends messages the way a chat
// app does, so the test can check that new messages are classified as they arrive. It uses
// textContent only, like the extension.
"use strict";
let next = 0;
function addMessage(who, text) {
  const msg = document.createElement("div");
  msg.className = "msg";
  const name = document.createElement("span");
  name.className = "who";
  name.textContent = who;
  const time = document.createElement("time");
  time.textContent = "now";
  const body = document.createElement("div");
  body.className = "text";
  body.id = `live-${next++}`;
  body.textContent = text;
  msg.append(name, time, body);
  document.getElementById("log").append(msg);
  return body.id;
}
window.chat = { addMessage };
document.getElementById("send").addEventListener("click", () => {
  const draft = document.getElementById("draft");
  addMessage("me", draft.value);
  draft.value = "";
});
// Clicks that reach the chat log: the chip must keep its clicks to itself.
window.chat.clicks = 0;
document.getElementById("log").addEventListener("click", () => window.chat.clicks++);

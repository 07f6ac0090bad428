// Paste pages: client-side encryption compatible with pasty's frontend, and edit/delete/report with the
// modification token remembered in this browser. The key lives only in the URL fragment: the server never sees it.
// Format (pasty §12.3): AES-256-CBC, PKCS#7 padding, content = lowercase hex ciphertext,
// metadata.pf_encryption = {alg: "AES-CBC", iv: hex(16 bytes)}, URL = /<id>#<hex(32-byte key)>.
"use strict";

const hex = {
  encode: bytes => Array.from(new Uint8Array(bytes), b => b.toString(16).padStart(2, "0")).join(""),
  decode: text => {
    if (!/^([0-9a-f]{2})*$/i.test(text)) throw new Error("not hex");
    return Uint8Array.from(text.match(/../g) || [], h => parseInt(h, 16));
  },
};

const crypt = {
  async newKey() {
    const key = await crypto.subtle.generateKey({ name: "AES-CBC", length: 256 }, true, ["encrypt", "decrypt"]);
    return hex.encode(await crypto.subtle.exportKey("raw", key));
  },
  async importKey(keyHex) {
    return crypto.subtle.importKey("raw", hex.decode(keyHex), { name: "AES-CBC" }, false, ["encrypt", "decrypt"]);
  },
  async encrypt(text, keyHex) {
    const iv = crypto.getRandomValues(new Uint8Array(16));
    const data = await crypto.subtle.encrypt({ name: "AES-CBC", iv }, await crypt.importKey(keyHex), new TextEncoder().encode(text));
    return { content: hex.encode(data), iv: hex.encode(iv) };
  },
  async decrypt(contentHex, ivHex, keyHex) {
    const plain = await crypto.subtle.decrypt({ name: "AES-CBC", iv: hex.decode(ivHex) }, await crypt.importKey(keyHex), hex.decode(contentHex));
    return new TextDecoder().decode(plain);
  },
};

const tokens = {
  key: id => "pastelite.token." + id,
  get: id => localStorage.getItem(tokens.key(id)),
  set: (id, token) => token && localStorage.setItem(tokens.key(id), token),
  forget: id => localStorage.removeItem(tokens.key(id)),
  ask: id => tokens.get(id) || prompt("Modification token:") || null,
};

function status(text, error = true) {
  const line = document.getElementById("paste-status");
  if (!line) return;
  line.textContent = text;
  line.className = error ? "error" : "notice";
}

// New paste form: with "encrypt" ticked, the content is encrypted here and only ciphertext is posted.
function setupNewPasteForm() {
  const form = document.getElementById("new-paste");
  if (!form) return;
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(form);
    let key = null;
    if (data.get("encrypt") === "1") {
      key = await crypt.newKey();
      const sealed = await crypt.encrypt(String(data.get("content") || ""), key);
      data.set("content", sealed.content);
      data.set("encryption_iv", sealed.iv);
    }
    const response = await fetch(form.action, { method: "POST", body: new URLSearchParams(data), headers: { Accept: "application/json" } });
    if (!response.ok) { status(await response.text()); return; }
    const created = await response.json();
    tokens.set(created.id, created.modificationToken);
    location.assign(created.path + (key ? "#" + key : ""));
  });
}

// Burn-after-reading confirmation: the click posts to /<id>; the key in the fragment comes along, so the one view
// of an encrypted paste can still decrypt (a form's action keeps its fragment in the browser, never sent).
function setupRevealForm() {
  const form = document.getElementById("paste-reveal");
  if (form && location.hash) form.action = form.action.split("#")[0] + location.hash;
}

// Paste page: decrypt in place, then highlight; edit, delete and report through pasty's API.
async function setupPastePage() {
  const code = document.getElementById("paste-content");
  if (!code) return;
  const id = code.dataset.id;
  let plain = code.textContent;
  if (code.dataset.iv) {
    let key = location.hash.slice(1);
    while (!key) { key = prompt("Your decryption key:"); if (key === null) return; }
    try {
      plain = await crypt.decrypt(code.textContent.trim(), code.dataset.iv, key);
    } catch {
      status("Could not decrypt this paste; make sure the decryption key is correct.");
      return;
    }
    code.textContent = plain;
    document.getElementById("paste-encrypted-note")?.classList.add("hidden");
    if (window.hljs) hljs.highlightElement(code);
    const lines = renumber(plain);
    const stats = document.getElementById("paste-stats");
    if (stats) {
      const bytes = new TextEncoder().encode(plain).length;
      stats.textContent = `${lines} line${lines === 1 ? "" : "s"} · ${bytes} byte${bytes === 1 ? "" : "s"}`;
    }
  }
  const source = document.getElementById("paste-source");
  if (source) source.value = plain;

  document.getElementById("paste-edit")?.addEventListener("click", () => {
    document.getElementById("paste-editor")?.classList.remove("hidden");
  });
  document.getElementById("paste-save")?.addEventListener("click", async () => {
    const token = tokens.ask(id);
    if (!token) return;
    let body = { content: source.value };
    if (code.dataset.iv) {
      const sealed = await crypt.encrypt(source.value, location.hash.slice(1));
      body = { content: sealed.content, metadata: { pf_encryption: { alg: "AES-CBC", iv: sealed.iv } } };
    }
    const response = await fetch("/api/v2/pastes/" + id, {
      method: "PATCH", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
    });
    if (!response.ok) { status(await response.text()); return; }
    await response.arrayBuffer(); // read to the end: leaving the page mid-response would abort it
    tokens.set(id, token);
    location.reload();
  });
  document.getElementById("paste-delete")?.addEventListener("click", async () => {
    const token = tokens.ask(id);
    if (!token || !confirm("Delete this paste?")) return;
    const response = await fetch("/api/v2/pastes/" + id, { method: "DELETE", headers: { Authorization: "Bearer " + token } });
    if (!response.ok) { status(await response.text()); return; }
    await response.arrayBuffer();
    tokens.forget(id);
    location.assign("/");
  });
  document.getElementById("paste-report")?.addEventListener("click", async () => {
    const reason = prompt("Why should this paste be removed?");
    if (!reason) return;
    const response = await fetch("/api/v2/pastes/" + id + "/report", {
      method: "POST", body: JSON.stringify({ reason }), headers: { "Content-Type": "application/json" },
    });
    const text = await response.text();
    let message = text;
    try { message = JSON.parse(text).message || text; } catch { /* plain text error */ }
    status(message, !response.ok);
  });
}

// The gutter of line links for the decrypted text; returns how many lines it has.
function renumber(text) {
  const count = Math.max(1, text.endsWith("\n") ? text.split("\n").length - 1 : text.split("\n").length);
  const lines = document.querySelector(".code .lines");
  if (!lines) return count;
  lines.replaceChildren(...Array.from({ length: count }, (_, i) => {
    const a = document.createElement("a");
    a.id = "L" + (i + 1); a.href = "#L" + (i + 1); a.textContent = String(i + 1);
    return a;
  }));
  return count;
}

document.addEventListener("DOMContentLoaded", () => {
  setupNewPasteForm();
  setupRevealForm();
  setupPastePage();
});

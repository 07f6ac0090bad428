// PasteLite's browser code: progressive enhancement only. Pages work without it; this adds
// highlighting, copy buttons and line links. Loaded with `defer`, no inline script anywhere (strict CSP).
"use strict";

function highlightAll() {
  if (!window.hljs) return;
  for (const block of document.querySelectorAll("pre code[data-highlight]")) {
    const lang = block.dataset.highlight;
    if (lang && lang !== "auto" && !hljs.getLanguage(lang)) block.dataset.highlight = "auto";
    if (block.dataset.highlight !== "auto") block.classList.add("language-" + block.dataset.highlight);
    hljs.highlightElement(block);
  }
}

function setupCopyButtons() {
  for (const button of document.querySelectorAll("[data-copy]")) {
    button.classList.remove("hidden");
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      const text = source ? (source.value ?? source.textContent) : "";
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = "Copied";
      } catch {
        button.textContent = "Copy failed";
      }
      setTimeout(() => { button.textContent = button.dataset.label || "Copy"; }, 1500);
    });
  }
}

function markTargetLine() {
  for (const link of document.querySelectorAll(".code .lines a.hit")) link.classList.remove("hit");
  if (location.hash.startsWith("#L")) document.getElementById(location.hash.slice(1))?.classList.add("hit");
}

document.addEventListener("DOMContentLoaded", () => {
  for (const element of document.querySelectorAll(".js-only")) element.classList.remove("hidden");
  highlightAll();
  setupCopyButtons();
  markTargetLine();
  window.addEventListener("hashchange", markTargetLine);
  for (const form of document.querySelectorAll("form[data-confirm]"))
    form.addEventListener("submit", e => { if (!confirm(form.dataset.confirm)) e.preventDefault(); });
});

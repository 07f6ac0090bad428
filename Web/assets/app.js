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
  // Fenced code in rendered Markdown names its language as a class.
  for (const block of document.querySelectorAll(".markdown pre code[class^='language-']")) {
    if (hljs.getLanguage(block.className.slice("language-".length))) hljs.highlightElement(block);
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
  // #L12 on a single text, #file-name-L12 on a page of several files.
  if (/^#(.+-)?L\d+$/.test(location.hash)) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target?.closest(".code .lines")) target.classList.add("hit");
  }
}

// "Add file" on a gist form: a copy of the last file slot, emptied, with the next free index in its field names.
function setupAddFile() {
  for (const button of document.querySelectorAll("[data-add-file]")) {
    const form = button.closest("form");
    button.classList.remove("hidden");
    button.addEventListener("click", () => {
      const slots = form.querySelectorAll("[data-file-slot]");
      const last = slots[slots.length - 1];
      if (!last) return;
      let next = 0;
      for (const field of form.querySelectorAll("[name^='name-']")) next = Math.max(next, Number(field.name.slice(5)) + 1);
      const copy = last.cloneNode(true);
      copy.querySelector("input[name^='original-']")?.remove();
      for (const field of copy.querySelectorAll("input, textarea")) {
        field.name = field.name.replace(/-\d+$/, "-" + next);
        field.value = "";
        if (field.placeholder) field.placeholder = "gistfile" + (next + 1) + ".txt";
      }
      last.after(copy);
      copy.querySelector("input")?.focus();
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const element of document.querySelectorAll(".js-only")) element.classList.remove("hidden");
  highlightAll();
  setupCopyButtons();
  setupAddFile();
  markTargetLine();
  window.addEventListener("hashchange", markTargetLine);
  for (const form of document.querySelectorAll("form[data-confirm]"))
    form.addEventListener("submit", e => { if (!confirm(form.dataset.confirm)) e.preventDefault(); });
});

// BatchOrders' page script: a drop zone for the file picker, the upload limit checked before sending, and the
// progress page's live figures from server-sent events. Everything works without it, only less live.
"use strict";

document.querySelectorAll("[data-dropzone]").forEach((zone) => {
  const input = zone.querySelector("input[type=file]");
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files.length > 0) {
      input.files = e.dataTransfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
});

document.querySelectorAll("form[data-max-bytes]").forEach((form) => {
  const error = form.querySelector("[data-upload-error]");
  form.addEventListener("change", () => { if (error) error.textContent = ""; });
  form.addEventListener("submit", (e) => {
    const input = form.querySelector("input[type=file]");
    const file = input && input.files && input.files[0];
    if (file && file.size > Number(form.dataset.maxBytes)) {
      e.preventDefault();
      if (error) error.textContent = form.dataset.tooLarge;
    }
  });
});

const progress = document.querySelector("[data-events]");
if (progress) {
  const live = document.querySelector("[data-live]");
  const bar = document.getElementById("bar");
  let lastAnnounced = "";
  let lastAnnouncedAt = 0;
  let lastPercent = -1;
  const set = (name, value) => {
    progress.querySelectorAll(`[data-field="${name}"]`).forEach((el) => { el.textContent = value ?? ""; });
    const box = progress.querySelector(`[data-field-box="${name}"]`);
    if (box) box.hidden = value === null || value === undefined || value === "";
  };
  const announce = (f) => {
    // A polite live region: phase changes and the end at once, progress every 10% and at most every 15 s.
    const now = Date.now();
    const step = Math.floor(f.percent / 10);
    const phaseChanged = !lastAnnounced.startsWith(f.phase);
    if (f.ended || phaseChanged || (step !== lastPercent && now - lastAnnouncedAt > 15000)) {
      if (live && f.announcement !== lastAnnounced) live.textContent = f.announcement;
      lastAnnounced = f.announcement;
      lastAnnouncedAt = now;
      lastPercent = step;
    }
  };
  const events = new EventSource(progress.dataset.events);
  events.addEventListener("progress", (e) => {
    const f = JSON.parse(e.data);
    set("phase", f.phase);
    set("percent", `${f.percent}%`);
    set("done", f.done.toLocaleString("en-US"));
    set("total", f.total.toLocaleString("en-US"));
    ["perMinute", "inFlight", "throttled", "timeLeft"].forEach((k) => set(k, f[k]));
    set("retries", String(f.retries));
    set("failed", String(f.failed));
    set("signIn", f.signIn);
    set("problem", f.problem);
    set("outcome", f.outcome);
    if (bar) { bar.max = Math.max(1, f.total); bar.value = f.done; bar.textContent = `${f.percent}%`; }
    document.querySelectorAll("[data-when=running]").forEach((el) => { el.hidden = f.ended; });
    document.querySelectorAll("[data-when=ended]").forEach((el) => { el.hidden = !f.ended; });
    announce(f);
  });
  events.addEventListener("end", () => {
    events.close();
    // A run that ended while watched: the page as the server shows it now has what to do next (results, resume).
    if (progress.dataset.ended === "false") window.setTimeout(() => window.location.reload(), 300);
  });
}

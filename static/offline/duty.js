// The advisor's duty page: log a shift, finish a poster-scanned one, correct refused ones — all offline.
import * as queue from "./queue.js";
import { fill, strings } from "./register.js";

const S = strings();
const form = document.getElementById("shift-form");
const title = document.getElementById("form-title");
const scanNote = document.getElementById("scan-note");
const plainFields = form.querySelector(".plain-fields");
const cancel = document.getElementById("cancel-edit");
const error = document.getElementById("form-error");
const COUNTERS = [...form.querySelectorAll(".counters input")].map((input) => input.name);
let editing = null; // the stored record being finished or corrected

function hhmm(date) {
  return date.toTimeString().slice(0, 5);
}

function localIsoDate(date) {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return shifted.toISOString().slice(0, 10);
}

function reset() {
  editing = null;
  form.reset();
  form.elements.client_id.value = "";
  form.elements.date.value = localIsoDate(new Date());
  plainFields.hidden = false;
  scanNote.hidden = true;
  cancel.hidden = true;
  error.textContent = "";
  title.textContent = title.dataset.new;
}

function load(record) {
  reset();
  editing = record;
  const data = record.data;
  cancel.hidden = false;
  title.textContent = record.state === "open" ? title.dataset.finish : title.dataset.edit;
  for (const [name, value] of Object.entries(data)) {
    const field = form.elements[name];
    if (field && value !== null && value !== undefined) field.value = value;
  }
  if (data.scanned_secret) {
    plainFields.hidden = true;
    scanNote.hidden = false;
    scanNote.textContent = fill(S.open_shift, { time: hhmm(new Date(data.scanned_at)) });
  }
  if (!form.elements.end_time.value) form.elements.end_time.value = hhmm(new Date());
  form.scrollIntoView({ behavior: "smooth" });
}

function collect() {
  const data = editing ? { ...editing.data } : {};
  const scanned = Boolean(data.scanned_secret);
  const names = [...(scanned ? [] : ["village", "date", "start_time"]), "end_time", "mode", "notes"];
  for (const name of names) data[name] = form.elements[name].value;
  for (const name of COUNTERS) data[name] = Number(form.elements[name].value || 0);
  const missing = names.filter((name) => ["village", "date", "start_time", "end_time"].includes(name) && !data[name]);
  return { data, missing };
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const { data, missing } = collect();
  if (missing.length) {
    error.textContent = S.required;
    return;
  }
  const clientId = editing ? editing.client_id : queue.newId();
  await queue.save({ client_id: clientId, kind: "shift", data, state: "waiting", reason: "" });
  reset();
  error.textContent = S.saved;
});

cancel.addEventListener("click", reset);

function describe(record) {
  const d = record.data;
  if (d.scanned_secret && !d.end_time) return fill(S.open_shift, { time: hhmm(new Date(d.scanned_at)) });
  const start = d.start_time || (d.scanned_at ? hhmm(new Date(d.scanned_at)) : "");
  const day = d.date || (d.scanned_at ? localIsoDate(new Date(d.scanned_at)) : "");
  const village = form.elements.village.querySelector(`option[value="${d.village}"]`);
  const where = village ? `${village.textContent} · ` : "";
  return where + fill(S.shift_line, { date: day, start, end: d.end_time || "…" });
}

function item(record, buttons) {
  const li = document.createElement("li");
  li.dataset.clientId = record.client_id;
  const text = document.createElement("span");
  text.textContent = describe(record);
  li.append(text);
  if (record.reason) {
    const reason = document.createElement("strong");
    reason.className = "reason";
    reason.textContent = record.reason;
    li.append(" ", reason);
  }
  for (const [label, action] of buttons) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn small";
    button.textContent = label;
    button.addEventListener("click", action);
    li.append(" ", button);
  }
  return li;
}

function render(records) {
  const shifts = records.filter((r) => r.kind === "shift");
  const open = shifts.filter((r) => r.state === "open");
  document.getElementById("open-section").hidden = open.length === 0;
  document.getElementById("open-list").replaceChildren(
    ...open.map((r) => item(r, [[title.dataset.finish, () => load(r)], [S.remove, () => queue.drop(r.client_id)]])),
  );
  document.getElementById("waiting-list").replaceChildren(
    ...shifts.filter((r) => r.state === "waiting").map((r) => item(r, [])),
  );
  document.getElementById("attention-list").replaceChildren(
    ...shifts.filter((r) => r.state === "attention").map((r) =>
      item(r, [[S.edit, () => load(r)], [S.resend, () => queue.save({ ...r, state: "waiting" })], [S.remove, () => queue.drop(r.client_id)]]),
    ),
  );
}

queue.onChange(render);
reset();
queue.start();

// Door mode: attendees type their details at the entrance; entries queue on the device with a nonce
// each and are sent when there is a network. The count includes the waiting entries.
import * as queue from "./queue.js";
import { fill, strings } from "./register.js";

const S = strings();
const form = document.getElementById("door-form");
const countNode = document.getElementById("door-count");
const eventId = Number(countNode.dataset.event);
const error = document.getElementById("door-error");
const thanks = document.getElementById("door-thanks");
let serverCount = Number(countNode.dataset.count || 0);
const FIELDS = ["name", "phone", "gender", "age_group", "occupation"];

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = Object.fromEntries(FIELDS.map((name) => [name, form.elements[name].value.trim()]));
  data.consent = form.elements.consent.checked;
  if (!data.name || !data.phone || !data.age_group || !data.occupation || !data.consent) {
    error.textContent = S.required;
    return;
  }
  error.textContent = "";
  const editing = form.dataset.editing;
  await queue.save({ client_id: editing || queue.newId(), kind: "checkin", event: eventId, data, state: "waiting" });
  delete form.dataset.editing;
  form.reset();
  thanks.textContent = fill(S.thanks, { name: data.name });
  form.elements.name.focus();
});

function entry(record, withActions) {
  const li = document.createElement("li");
  li.dataset.clientId = record.client_id;
  li.textContent = `${record.data.name} · ${record.data.phone.slice(0, 3)}****${record.data.phone.slice(-4)}`;
  if (record.reason) {
    const reason = document.createElement("strong");
    reason.className = "reason";
    reason.textContent = ` ${record.reason}`;
    li.append(reason);
  }
  if (withActions) {
    const edit = document.createElement("button");
    edit.type = "button";
    edit.className = "btn small";
    edit.textContent = S.edit;
    edit.addEventListener("click", () => {
      for (const name of FIELDS) form.elements[name].value = record.data[name] || "";
      form.elements.consent.checked = Boolean(record.data.consent);
      form.dataset.editing = record.client_id;
      form.scrollIntoView();
    });
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn small";
    remove.textContent = S.remove;
    remove.addEventListener("click", () => queue.drop(record.client_id));
    li.append(" ", edit, " ", remove);
  }
  return li;
}

function render(records) {
  const mine = records.filter((r) => r.kind === "checkin" && r.event === eventId);
  const waiting = mine.filter((r) => r.state === "waiting");
  countNode.replaceChildren();
  const total = document.createElement("strong");
  total.dataset.total = String(serverCount + waiting.length);
  total.textContent = fill(S.checked_in, { n: serverCount + waiting.length });
  countNode.append(total);
  if (waiting.length) {
    const note = document.createElement("span");
    note.className = "not-sent";
    note.dataset.waiting = String(waiting.length);
    note.textContent = ` (${fill(S.waiting_entries, { n: waiting.length })})`;
    countNode.append(note);
  }
  document.getElementById("door-waiting").replaceChildren(...waiting.map((r) => entry(r, false)));
  document.getElementById("door-attention").replaceChildren(
    ...mine.filter((r) => r.state === "attention").map((r) => entry(r, true)),
  );
}

async function refreshCount() {
  try {
    const response = await fetch(countNode.dataset.countUrl, { credentials: "same-origin" });
    if (response.ok) serverCount = (await response.json()).checkins;
  } catch (failure) { /* offline: keep the last known count */ }
  render(await queue.all());
}

document.addEventListener("offline:synced", refreshCount);
queue.onChange(render);
queue.start();

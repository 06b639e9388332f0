// The queue of records waiting on this device, the status bar, and sending them (auto on "online").
import * as idb from "./idb.js";
import { fill, strings } from "./register.js";

const S = strings();
// The login whose records this page shows and sends ("" on the scan shell, which knows no login):
// on a shared device, one user's records are never sent under another's session.
const OWNER = document.querySelector("[data-sync-bar]")?.dataset.owner || "";
const ENDPOINTS = { shift: "/api/sync/duty-shifts/", checkin: "/api/sync/checkins/" };
let sending = null;
const listeners = [];

export function onChange(listener) {
  listeners.push(listener);
}

// This user's records; records made without a login (a poster scanned offline) are claimed.
async function mine() {
  const records = [];
  for (const record of await idb.all()) {
    if (!record.owner && OWNER) {
      record.owner = OWNER;
      await idb.put(record);
    }
    if (record.owner === OWNER || !record.owner) records.push(record);
  }
  return records;
}

async function changed() {
  const records = await mine();
  renderBar(records);
  for (const listener of listeners) listener(records);
}

export async function save(record) {
  await idb.put({ saved_at: new Date().toISOString(), reason: "", owner: OWNER, ...record });
  await changed();
  if (record.state === "waiting" && navigator.onLine) sync();
}

export async function drop(clientId) {
  await idb.remove(clientId);
  await changed();
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (match) return decodeURIComponent(match[1]);
  const node = document.querySelector("[data-csrf]");
  return node ? node.dataset.csrf : "";
}

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: {
      "Content-Type": "application/json",
      "X-CSRFToken": csrfToken(),
      "X-Offline-User": OWNER,
      Accept: "application/json",
    },
    body: JSON.stringify(body),
  });
  if (response.status === 401 || response.status === 403) throw new Error("login");
  if (response.status === 409) throw new Error("other_login");
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

async function sendKind(kind, waiting) {
  const batches = new Map();
  for (const record of waiting.filter((r) => r.kind === kind)) {
    const key = kind === "checkin" ? record.event : "all";
    if (!batches.has(key)) batches.set(key, []);
    batches.get(key).push(record);
  }
  for (const [key, records] of batches) {
    const body = { records: records.map((r) => ({ client_id: r.client_id, ...r.data })) };
    if (kind === "checkin") body.event = Number(key);
    const answer = await post(ENDPOINTS[kind], body);
    for (const result of answer.results) {
      const record = records.find((r) => r.client_id === result.client_id);
      if (!record) continue;
      if (result.status === "refused") {
        await idb.put({ ...record, state: "attention", reason: result.message || result.code, code: result.code });
      } else {
        await idb.remove(record.client_id);
      }
    }
  }
}

// Send every waiting record; one run at a time (a second call waits for the running one).
export function sync() {
  if (!OWNER) return Promise.resolve(); // the scan shell: sent from the duty page, under the login
  if (sending) return sending;
  sending = (async () => {
    setMessage(S.syncing);
    try {
      // In the order they were made (IndexedDB lists them by their random ids).
      const waiting = (await mine())
        .filter((r) => r.state === "waiting")
        .sort((a, b) => (a.saved_at < b.saved_at ? -1 : a.saved_at > b.saved_at ? 1 : 0));
      await sendKind("shift", waiting);
      await sendKind("checkin", waiting);
      setMessage(S.synced);
      document.dispatchEvent(new CustomEvent("offline:synced"));
    } catch (error) {
      const messages = { login: S.login_again, other_login: S.other_login };
      setMessage(messages[error.message] || S.sync_failed);
    } finally {
      sending = null;
      await changed();
    }
  })();
  return sending;
}

function setMessage(text) {
  const node = document.querySelector("[data-sync-message]");
  if (node) node.textContent = text || "";
}

function renderBar(records) {
  const bar = document.querySelector("[data-sync-bar]");
  if (!bar) return;
  const waiting = records.filter((r) => r.state === "waiting").length;
  bar.classList.toggle("is-offline", !navigator.onLine);
  bar.querySelector("[data-sync-state]").textContent = navigator.onLine ? S.online : S.offline;
  const count = bar.querySelector("[data-sync-count]");
  count.textContent = fill(S.waiting, { n: waiting });
  count.dataset.n = String(waiting);
}

export function start() {
  const button = document.querySelector("[data-sync-now]");
  if (button) button.addEventListener("click", () => sync());
  window.addEventListener("online", () => { changed(); sync(); });
  window.addEventListener("offline", () => changed());
  changed().then(() => { if (navigator.onLine) sync(); });
}

export const all = mine;
export const newId = idb.newId;

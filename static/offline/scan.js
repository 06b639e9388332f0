// The poster's URL opened offline: the service worker answered with this shell. Record the scan.
import * as queue from "./queue.js";
import { fill, strings } from "./register.js";

const S = strings();
const result = document.getElementById("scan-result");
const match = window.location.pathname.match(/^\/advisors\/scan\/([A-Za-z0-9_-]{1,64})\/?$/);

async function record(secret) {
  const key = `scan:${secret}:${new Date().toISOString().slice(0, 10)}`;
  // Reloading this page does not record a second scan of the same poster the same day.
  const existing = (await queue.all()).find((r) => r.scan_key === key && r.state === "open");
  const scannedAt = existing ? existing.data.scanned_at : new Date().toISOString();
  if (!existing) {
    await queue.save({
      client_id: queue.newId(),
      kind: "shift",
      scan_key: key,
      state: "open",
      data: { scanned_secret: secret, scanned_at: scannedAt },
    });
  }
  result.textContent = fill(S.scan_recorded, { time: new Date(scannedAt).toTimeString().slice(0, 5) });
}

if (match) {
  record(match[1]);
} else {
  result.textContent = S.scan_no_secret;
}
queue.start();

// Registers the service worker (scope: the whole site) and reads the page's translated strings.
export function register() {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  }
}

export function strings() {
  const node = document.getElementById("offline-strings");
  return node ? JSON.parse(node.textContent) : {};
}

export function fill(template, values) {
  return String(template).replace(/%\((\w+)\)s/g, (match, key) => (key in values ? values[key] : match));
}
register();

// Hash routing: #/task/27?plan=…&lang=en. Every view is a link that reloads to itself, the
// back button walks the history, and the API's own paths are never touched.
export type Route = { view: string; arg: string; params: URLSearchParams };

export function parse(hash: string = location.hash): Route {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?", 2);
  const [view = "", ...rest] = path.split("/");
  return { view: view || "home", arg: decodeURIComponent(rest.join("/")), params: new URLSearchParams(query) };
}

/** Keeps the plan and the language of the current URL unless told otherwise. */
export function href(view: string, arg = "", params: Record<string, string | number | undefined> = {}): string {
  const current = parse().params;
  const query = new URLSearchParams();
  for (const key of ["plan", "lang"]) {
    const kept = current.get(key);
    if (kept) query.set(key, kept);
  }
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "") query.delete(key);
    else query.set(key, String(value));
  }
  const path = arg ? `${view}/${encodeURIComponent(arg)}` : view;
  const search = query.toString();
  return `#/${path}${search ? `?${search}` : ""}`;
}

export function go(to: string, replace = false): void {
  // A replaced entry keeps its state (scroll.ts's key: a changed filter keeps the position).
  if (replace) history.replaceState(history.state, "", to);
  else history.pushState(null, "", to);
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

// Back and Forward return to where the reader was: the browser's own restoration is off
// (it would scroll before the view has rendered, against the old view's height), each
// history entry gets a key in its state, the scroll position is kept per key as the reader
// scrolls, and put back once the view for that entry has rendered.
// Kept in sessionStorage when the page is left, so a reload or a return from another site
// finds them too.
const STORED = "plankg-scroll";
const positions = new Map<string, number>(JSON.parse(sessionStorage.getItem(STORED) ?? "[]") as [string, number][]);
window.addEventListener("pagehide", () => sessionStorage.setItem(STORED, JSON.stringify([...positions].slice(-200))));
let settling = true; // between a navigation and its view's render: scrolls are not the reader's

history.scrollRestoration = "manual";

function key(): string | null {
  const state = history.state as { scrollKey?: string } | null;
  return state?.scrollKey ?? null;
}

/** The current entry's key, given one if it has none yet (a link or pushState made it). */
function ensureKey(): string {
  const have = key();
  if (have) return have;
  const fresh = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  history.replaceState({ ...(history.state as object | null), scrollKey: fresh }, "", location.href);
  return fresh;
}

window.addEventListener(
  "scroll",
  () => {
    const mine = key();
    if (!settling && mine) positions.set(mine, window.scrollY);
  },
  { passive: true },
);

/** A navigation began: scroll events until the view renders are the old view shrinking. */
export function navigating(): void {
  settling = true;
}

/** The view has rendered: put the entry back where it was, or at the top if it is new.
 * A position goes back after the view's own first moves (a quoted sentence scrolls itself
 * into view on a timer once mounted), so Back lands where the reader left, not on the quote. */
export function settle(): void {
  const entry = ensureKey();
  const at = positions.get(entry);
  if (at === undefined) {
    window.scrollTo(0, 0);
    settling = false;
    return;
  }
  setTimeout(() => {
    window.scrollTo(0, at);
    positions.set(entry, window.scrollY);
    settling = false;
  });
}

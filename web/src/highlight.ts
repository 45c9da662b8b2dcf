// The task text with every linked fact marked in place. The API gives each link's span in
// plan-text offsets (`match_span` for the words that made it, `span` for a target's
// sentence); here they become offsets into the task's text: less the task's start, and
// less the plan characters the text leaves out before it (`gaps`: the line breaks inside a
// paragraph of a hard-wrapped PDF). Spans may overlap (融沪接甬 names both Shanghai and
// Ningbo), so the text is cut at every span boundary and each piece carries all the links
// that cover it.
export type Mark = {
  start: number;
  end: number;
  kind: "quote" | "place" | "agency" | "theme" | "target";
  id: string;
  label: string;
  note: string;
};

export type Piece = { text: string; marks: Mark[] };

/** How many of the sorted `gaps` lie before `at`. */
function before(gaps: number[], at: number): number {
  let [low, high] = [0, gaps.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (gaps[middle] < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function pieces(text: string, offset: number, marks: Mark[], gaps: number[] = []): Piece[] {
  const local = (at: number) => at - offset - before(gaps, at);
  const placed = marks
    .map((m) => ({ ...m, start: Math.max(0, local(m.start)), end: Math.min(text.length, local(m.end)) }))
    .filter((m) => m.end > m.start);
  const cuts = new Set([0, text.length]);
  for (const m of placed) cuts.add(m.start).add(m.end);
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [from, to] = [sorted[i], sorted[i + 1]];
    out.push({ text: text.slice(from, to), marks: placed.filter((m) => m.start <= from && m.end >= to) });
  }
  return out;
}

/** Drawing order, outermost first: a target's sentence contains the words inside it, and a
 * sentence quoted elsewhere (a citation, a family's target, a duty: `hl=` in the URL)
 * contains them all. */
export const highlightKinds: Mark["kind"][] = ["quote", "target", "theme", "agency", "place"];

/** The quoted sentence of a URL's `hl=start-end` as a mark, or none. */
export function quoteMark(span: { start: number; end: number } | null, label: string): Mark[] {
  return span ? [{ ...span, kind: "quote", id: "quote", label, note: "" }] : [];
}

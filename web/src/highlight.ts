// The task text with every linked fact marked in place. The API gives each link's span in
// plan-text offsets (`match_span` for the words that made it, `span` for a target's
// sentence); here they become offsets into the task's text. Spans may overlap (融沪接甬
// names both Shanghai and Ningbo), so the text is cut at every span boundary and each
// piece carries all the links that cover it.
export type Mark = {
  start: number;
  end: number;
  kind: "place" | "agency" | "theme" | "target";
  id: string;
  label: string;
  note: string;
};

export type Piece = { text: string; marks: Mark[] };

export function pieces(text: string, offset: number, marks: Mark[]): Piece[] {
  const local = marks
    .map((m) => ({ ...m, start: Math.max(0, m.start - offset), end: Math.min(text.length, m.end - offset) }))
    .filter((m) => m.end > m.start);
  const cuts = new Set([0, text.length]);
  for (const m of local) cuts.add(m.start).add(m.end);
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [from, to] = [sorted[i], sorted[i + 1]];
    out.push({ text: text.slice(from, to), marks: local.filter((m) => m.start <= from && m.end >= to) });
  }
  return out;
}

/** Drawing order, outermost first: a target's sentence contains the words inside it. */
export const highlightKinds: Mark["kind"][] = ["target", "theme", "agency", "place"];

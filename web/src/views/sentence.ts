// A quoted sentence in its plan: a goal's text with the sentence highlighted, and the quote
// view, which finds the task or goal holding a sentence (a citation names only its offsets)
// and opens it there, or shows the sentence alone when it lies outside them (a preamble).
import { api, MAX_PAGE } from "../api";
import type { Ctx } from "../context";
import { h } from "../dom";
import { quoteMark, type Mark } from "../highlight";
import { named, t, titled } from "../i18n";
import { go, href } from "../router";
import { highlighted, page, placeLink, section } from "./common";
import { goalEditControls } from "./edit";
import { legend, markedText, revealQuote } from "./task";

/** A sentence's mark placed where the sentence stands in the text (the occurrence nearest
 * its offsets): a goal's text leaves out the line breaks of a hard-wrapped plan, and the API
 * gives a goal no `gaps` to correct the plan offsets by, so they drift after each break. */
function aligned(text: string, start: number, mark: Mark, sentence: string): Mark {
  const expected = mark.start - start;
  let best = -1;
  for (let at = text.indexOf(sentence); at >= 0; at = text.indexOf(sentence, at + 1)) {
    if (best < 0 || Math.abs(at - expected) < Math.abs(best - expected)) best = at;
  }
  return best < 0 ? mark : { ...mark, start: start + best, end: start + best + sentence.length };
}

export async function goal(ctx: Ctx): Promise<HTMLElement> {
  const detail = await api.goal(Number(ctx.arg), { plan: ctx.plan.id });
  const span = highlighted(ctx.params);
  const place = (mark: Mark, sentence: string) => aligned(detail.text, detail.span.start, mark, sentence);
  // A quoted target's sentence is the target's own: found by its offsets, placed by its words.
  const target = span && detail.indicators.find((x) => x.span.start === span.start && x.span.end === span.end);
  const quoted = quoteMark(span, t("quote")).map((m) => (target ? place(m, target.evidence) : m));
  const marks: Mark[] = [
    ...quoted,
    ...detail.indicators.map((x): Mark => place({ ...x.span, kind: "target", id: x.id, label: x.name, note: x.evidence }, x.evidence)),
    ...detail.places.map((x): Mark => ({ ...x.match_span, kind: "place", id: x.id, label: named(x), note: x.evidence })),
  ];
  return revealQuote(
    page(
      `${t("goal", { n: detail.number })} · ${titled(detail)}`,
      h("p", { class: "lead-in" }, h("a", { href: href("home") }, t("chapter", { n: detail.chapter })), detail.year ? ` · ${detail.year}` : ""),
      legend(quoted),
      section(t("text"), markedText(detail.text, detail.span.start, marks)),
      detail.places.length > 0 && section(t("places"), h("p", { class: "chips" }, detail.places.map(placeLink))),
      await goalEditControls(detail, ctx), // issue 23's edit mode: nothing unless an editor of this plan
    ),
  );
}

const within = (outer: { start: number; end: number }, inner: { start: number; end: number }) =>
  outer.start <= inner.start && inner.end <= outer.end;

export async function quote(ctx: Ctx): Promise<HTMLElement> {
  const span = highlighted(ctx.params);
  const words = ctx.params.get("q") ?? "";
  if (span && words) {
    const plan = ctx.plan.id;
    // The tasks whose text holds the sentence's words; the one whose span holds it wins.
    const hl = ctx.params.get("hl") ?? "";
    const candidates = await api.tasks({ plan, q: words, limit: 5 });
    const tasks = await Promise.all(candidates.items.map((one) => api.task(one.number, { plan })));
    const task = tasks.find((detail) => within(detail.span, span));
    if (task) return moved(href("task", String(task.number), { hl, q: undefined }));
    // Goals have no text filter: their texts are read (a plan has a handful of goals).
    const goals = await api.goals({ plan, limit: MAX_PAGE });
    const details = await Promise.all(goals.items.map((one) => api.goal(one.number, { plan })));
    const goal = details.find((detail) => within(detail.span, span) && detail.text.includes(words));
    if (goal) return moved(href("goal", String(goal.number), { hl, q: undefined }));
  }
  return page(
    t("quote"),
    h("p", { class: "lead-in" }, h("a", { href: href("home") }, titled(ctx.plan))),
    h("p", { class: "muted" }, t("quoteOutside")),
    h("blockquote", { class: "evidence", id: "quote-text", lang: "zh-CN" }, h("mark", { class: "hl hl-quote" }, await sentence(ctx, span))),
    span && h("p", { class: "muted" }, t("offsets", { start: span.start, end: span.end })),
  );
}

/** The cited sentence at these offsets, from the plan's citations (the one answer that has
 * sentences outside tasks and goals). */
async function sentence(ctx: Ctx, span: { start: number; end: number } | null): Promise<string> {
  if (!span) return "";
  const citations = await api.citations(ctx.plan.id, { limit: MAX_PAGE });
  const found = citations.items.find((c) => c.span_start === span.start && c.span_end === span.end);
  return found?.evidence ?? ctx.params.get("q") ?? "";
}

/** Open another view in this one's place (the history keeps one entry). */
function moved(to: string): HTMLElement {
  go(to, true);
  return h("div");
}

// Pieces several views share: links to the things the graph holds, evidence quotes, badges.
import type { TaskRef } from "../api";
import { h } from "../dom";
import { lang, named, t, titled } from "../i18n";
import { href } from "../router";

export function page(title: string, ...children: (Node | null | false)[]): HTMLElement {
  return h("article", { class: "view" }, h("h1", { tabindex: -1 }, title), ...children);
}

export function section(title: string, ...children: (Node | string | null | false)[]): HTMLElement {
  return h("section", {}, h("h2", {}, title), ...children);
}

/** A task's number as its plan writes it (27. （三） 3.1.1 第二节), so a reader can cite the
 * plan; only a task the plan leaves unnumbered falls back to its ordinal (任务 5). */
export function taskNumber(task: { number: number; number_label?: string | null }): string {
  return task.number_label?.trim() || t("task", { n: task.number });
}

/** What goes between the number and the title: nothing after a closing full-width mark
 * (（三）整体提升…, as plans print it), else a space (3.1.1 持续…). */
export function gap(label: string): string {
  return /[）、]$/.test(label) ? "" : " ";
}

/** A link to a task, named by its number as written; the URL stays keyed by the ordinal. */
export function taskLink(task: Pick<TaskRef, "number" | "number_label" | "title" | "title_en" | "plan">, plan?: string): HTMLElement {
  return h(
    "a",
    { href: href("task", String(task.number), plan ? { plan } : {}), class: "task-link", "data-number": task.number },
    h("span", { class: "task-number" }, taskNumber(task)),
    gap(taskNumber(task)),
    titled(task),
  );
}

type Named = { id: string; name: string; name_en?: string | null };

export const placeLink = (p: Named) => h("a", { href: href("place", p.id), class: "chip chip-place" }, named(p));
export const agencyLink = (a: Named) => h("a", { href: href("agency", a.id), class: "chip chip-agency" }, named(a));
export const themeLink = (x: Named) => h("a", { href: href("theme", x.id), class: "chip chip-theme" }, named(x));

export function evidence(sentence: string): HTMLElement {
  return h("blockquote", { class: "evidence", lang: "zh-CN" }, sentence);
}

export function basis(link: { basis: "explicit" | "inferred" | "reviewed"; role?: "lead" | "partner"; score: number }): HTMLElement {
  const text = link.basis === "inferred" ? `${t("inferred")} · ${t("score")} ${link.score.toFixed(2)}` : t(link.basis);
  return h(
    "span",
    { class: `badge badge-${link.basis}`, "data-basis": link.basis },
    link.role ? `${t(link.role)} · ${text}` : text,
  );
}

export function score(value: number): HTMLElement {
  return h("span", { class: "badge" }, `${t("score")} ${value.toFixed(2)}`);
}

export function dl(rows: [string, Node | string][]): HTMLElement {
  return h("dl", { class: "facts" }, rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

/** The `hl=start-end` of a URL: a sentence to highlight, in plan-text offsets. */
export function highlighted(params: URLSearchParams): { start: number; end: number } | null {
  const found = /^(\d+)-(\d+)$/.exec(params.get("hl") ?? "");
  return found ? { start: Number(found[1]), end: Number(found[2]) } : null;
}

/** The words of a sentence the /tasks `q` filter can find: its longest run without white
 * space (a hard-wrapped plan breaks lines inside a sentence), at most 24 characters. */
function findable(sentence: string): string {
  const runs = sentence.split(/\s+/).sort((a, b) => b.length - a.length);
  return (runs[0] ?? "").slice(0, 24);
}

/** Where a quoted sentence is shown highlighted in its plan: its task's or goal's text
 * when the API says which, else the quote view, which finds the task or goal holding it. */
export function sentenceHref(
  plan: string,
  sentence: { evidence: string; span_start: number; span_end: number; task?: number | null; goal?: number | null },
): string {
  const hl = `${sentence.span_start}-${sentence.span_end}`;
  if (sentence.task != null) return href("task", String(sentence.task), { plan, hl });
  if (sentence.goal != null) return href("goal", String(sentence.goal), { plan, hl });
  return href("quote", "", { plan, hl, q: findable(sentence.evidence) });
}

/** A quoted sentence linking to itself in its plan's text. */
export function quoteLink(plan: string, sentence: Parameters<typeof sentenceHref>[1]): HTMLElement {
  return h(
    "blockquote",
    { class: "evidence", lang: "zh-CN" },
    sentence.evidence,
    " ",
    h("a", { href: sentenceHref(plan, sentence), class: "in-text", lang: current() }, t("inText")),
  );
}

const current = () => (lang() === "en" ? "en" : "zh-CN");

/** Previous and next links of a paged list whose offset lives in the URL. */
export function pager(view: string, arg: string, params: Record<string, string | undefined>, got: { total: number; offset: number; limit: number; items: unknown[] }): HTMLElement | null {
  if (got.total <= got.limit && got.offset === 0) return null;
  const at = (offset: number) => href(view, arg, { ...params, offset: offset || undefined });
  return h(
    "nav",
    { class: "pager", "aria-label": t("range", { from: got.offset + 1, to: got.offset + got.items.length, total: got.total }) },
    got.offset > 0 && h("a", { href: at(Math.max(0, got.offset - got.limit)), rel: "prev" }, t("previous")),
    h("span", { class: "muted" }, ` ${t("range", { from: got.offset + 1, to: got.offset + got.items.length, total: got.total })} `),
    got.offset + got.items.length < got.total && h("a", { href: at(got.offset + got.limit), rel: "next" }, t("next")),
  );
}

/** A comparator as a reader writes it: ≥ and ≤ rather than the API's >= and <=; "=" and
 * "~" (a range) say nothing beside the number. */
export function comparator(word: string): string {
  return ({ ">=": "≥", "<=": "≤", "=": "", "~": "" } as Record<string, string>)[word] ?? word;
}

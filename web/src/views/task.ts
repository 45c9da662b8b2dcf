// A task: its full text with every linked fact marked where the API's spans put it, and
// beside it each link with its evidence and basis; then the related tasks.
import { api, type TaskDetail } from "../api";
import { catalogue, type Ctx } from "../context";
import { h } from "../dom";
import { highlightKinds, pieces, quoteMark, type Mark } from "../highlight";
import { named, t, titled } from "../i18n";
import { href } from "../router";
import { copyButton } from "../cite";
import { editControls } from "./edit";
import { agencyLink, basis, comparator, evidence, gap, highlighted, page, placeLink, score, section, taskLink, taskNumber, themeLink } from "./common";

const KIND_WORDS = { quote: "quote", place: "places", agency: "agencies", theme: "themes", target: "targets" } as const;

function marks(task: TaskDetail, quoted: Mark[]): Mark[] {
  return [
    ...quoted,
    ...task.indicators.map((x): Mark => ({ ...x.span, kind: "target", id: x.id, label: x.name, note: x.evidence })),
    ...task.places.map((x): Mark => ({ ...x.match_span, kind: "place", id: x.id, label: named(x), note: x.evidence })),
    ...task.agencies.map((x): Mark => ({ ...x.match_span, kind: "agency", id: x.id, label: named(x), note: x.evidence })),
    ...task.themes.map((x): Mark => ({ ...x.match_span, kind: "theme", id: x.id, label: named(x), note: x.evidence })),
  ];
}

/** Focus the link's entry in the side list, so a click on the text leads to its evidence. */
function reveal(mark: Mark): void {
  const entry = document.getElementById(`link-${mark.kind}-${mark.id}`);
  if (!entry) return;
  entry.scrollIntoView({ block: "nearest" });
  entry.focus();
}

/** The text with its marks; exported for the goal view, whose text is marked the same way. */
export function markedText(text: string, start: number, all: Mark[], gaps: number[] = []): HTMLElement {
  const body = h("div", { class: "task-text", id: "task-text", lang: "zh-CN" });
  for (const piece of pieces(text, start, all, gaps)) {
    // Targets underline whole sentences; places, agencies and themes colour their words.
    let node: Node = document.createTextNode(piece.text);
    for (const mark of [...piece.marks].sort((a, b) => highlightKinds.indexOf(b.kind) - highlightKinds.indexOf(a.kind))) {
      node = h(
        "mark",
        mark.kind === "quote"
          ? { class: "hl hl-quote", "data-kind": "quote", title: mark.label }
          : { class: `hl hl-${mark.kind}`, "data-kind": mark.kind, "data-id": mark.id, title: `${mark.label}: ${mark.note}`, onclick: () => reveal(mark) },
        node,
      );
    }
    body.append(node);
  }
  return body;
}

type Link = { kind: Mark["kind"]; id: string; stated: boolean; body: (Node | string | false)[] };
type Sentence = { evidence: string; span: { start: number; end: number } };

/** An agency inferred from no term at all (score 0) leads nothing: it is shown as an
 * inference without the role, never as a lead. */
const groundless = (x: TaskDetail["agencies"][number]) => x.basis === "inferred" && x.terms.length === 0;

/** Every link of the task with the sentence it was read from. */
function allLinks(task: TaskDetail): [Sentence, Link][] {
  const terms = (words: string[]) => words.length > 0 && h("span", { class: "muted terms" }, ` ${t("terms")}: ${words.join("、")}`);
  // A link a planner confirmed or added (issue 23) is stated, whatever read it first.
  const reviewed = (x: { basis?: string | null }) => x.basis === "reviewed" && basis({ basis: "reviewed", score: 0 });
  return [
    ...task.agencies.map((x): [Sentence, Link] => [
      x,
      {
        kind: "agency",
        id: x.id,
        stated: x.basis !== "inferred",
        body: groundless(x)
          ? [agencyLink(x), h("span", { class: "badge badge-inferred", "data-basis": "inferred" }, `${t("inferred")} · ${t("score")} ${x.score.toFixed(2)}`), h("span", { class: "muted" }, ` ${t("noTermsNotLead")}`)]
          : [agencyLink(x), basis(x), x.basis === "inferred" && terms(x.terms)],
      },
    ]),
    ...task.places.map((x): [Sentence, Link] => [x, { kind: "place", id: x.id, stated: true, body: [placeLink(x), reviewed(x), x.remote && h("span", { class: "badge badge-remote" }, t("remote")), h("span", { class: "muted" }, ` ${x.surface}`)] }]),
    ...task.indicators.map((x): [Sentence, Link] => [
      x,
      { kind: "target", id: x.id, stated: true, body: [h("strong", {}, `${x.name} ${comparator(x.comparator)}${x.value}${x.value_max != null ? `~${x.value_max}` : ""}${x.unit}`), x.year ? ` (${x.year})` : "", reviewed(x)] },
    ]),
    ...task.themes.map((x): [Sentence, Link] => [x, { kind: "theme", id: x.id, stated: x.basis === "reviewed", body: [themeLink(x), reviewed(x) || score(x.score), terms(x.terms)] }]),
  ];
}

// Stated leads, then stated partners, then the other stated links; inferred ones after.
function rank(task: TaskDetail, link: Link): number {
  const agency = link.kind === "agency" ? task.agencies.find((x) => x.id === link.id) : undefined;
  const role = agency && !groundless(agency) && agency.role === "lead" ? 0 : 1;
  return (link.stated ? 0 : 10) + ({ agency: 0, place: 2, target: 3, theme: 4, quote: 5 }[link.kind] ?? 5) + role;
}

function entry(link: Link): HTMLElement {
  return h("li", { id: `link-${link.kind}-${link.id}`, tabindex: -1, class: `link link-${link.kind}`, "data-stated": String(link.stated) }, ...link.body);
}

/** One side list per basis, so nothing inferred reads as stated: the stated links (leads and
 * partners first), then the inferred ones with their scores and terms. */
function byBasis(task: TaskDetail, links: Link[]): HTMLElement {
  const list = (stated: boolean) =>
    links
      .filter((x) => x.stated === stated)
      .sort((a, b) => rank(task, a) - rank(task, b))
      .map((x) => h("li", { class: `link link-${x.kind}`, "data-kind": x.kind, "data-id": x.id }, ...x.body.map((n) => (n instanceof Node ? n.cloneNode(true) : n))));
  const stated = list(true);
  const inferred = list(false);
  return h(
    "div",
    { class: "by-basis" },
    stated.length > 0 && h("section", { id: "links-stated" }, h("h2", {}, t("stated")), h("p", { class: "muted" }, t("statedHelp")), h("ul", {}, stated)),
    inferred.length > 0 && h("section", { id: "links-inferred" }, h("h2", {}, t("inferredLinks")), h("p", { class: "muted" }, t("inferredHelp")), h("ul", {}, inferred)),
  );
}

/** Each sentence once, with every link it supports under it, in the text's order. */
function bySentence(task: TaskDetail, ctx: Ctx, within: string, pairs: [Sentence, Link][]): HTMLElement {
  const groups = new Map<string, { sentence: Sentence; links: Link[] }>();
  for (const [sentence, link] of pairs) {
    const key = `${sentence.span.start}-${sentence.span.end}`;
    const group = groups.get(key) ?? { sentence, links: [] };
    group.links.push(link);
    groups.set(key, group);
  }
  const ordered = [...groups.entries()].sort(([, a], [, b]) => a.sentence.span.start - b.sentence.span.start);
  return section(
    t("evidence"),
    h(
      "ol",
      { class: "evidence-groups", id: "evidence-groups" },
      ordered.map(([key, { sentence, links }]) =>
        h(
          "li",
          { class: "evidence-group", "data-span": key },
          evidence(sentence.evidence),
          copyButton({ planId: ctx.plan.id, planTitle: ctx.plan.title, within, number: taskNumber(task), sentence: sentence.evidence, route: `task/${task.number}?hl=${key}` }),
          h("ul", { "aria-label": t("evidenceFor") }, links.sort((a, b) => rank(task, a) - rank(task, b)).map(entry)),
        ),
      ),
    ),
  );
}

function links(task: TaskDetail, ctx: Ctx, within: string): HTMLElement {
  const pairs = allLinks(task);
  return h("aside", { class: "links", "aria-label": t("links") }, byBasis(task, pairs.map(([, link]) => link)), bySentence(task, ctx, within, pairs));
}

/** The legend of the marks, the quoted sentence's only when one is marked. */
export function legend(quoted: Mark[]): HTMLElement {
  const kinds = highlightKinds.filter((kind) => kind !== "quote" || quoted.length > 0);
  return h("p", { class: "legend-inline", "aria-hidden": "true" }, kinds.map((kind) => h("mark", { class: `hl hl-${kind}` }, t(KIND_WORDS[kind]))));
}

/** Once shown, the quoted sentence scrolls into view: it is what the link led to. */
export function revealQuote(view: HTMLElement): HTMLElement {
  // After the shell has focused the heading (which scrolls to the top).
  view.addEventListener("mounted", () => setTimeout(() => view.querySelector(".hl-quote")?.scrollIntoView({ block: "center" })));
  return view;
}

/** What a related task shares, by name: the API's RelatedTask gives ids, the plan's
 * catalogue their names in both languages. */
function nameOf(known: { id: string; name: string; name_en?: string | null }[], id: string): string {
  const found = known.find((x) => x.id === id);
  return found ? named(found) : id;
}

export async function task(ctx: Ctx): Promise<HTMLElement> {
  const [detail, cat] = await Promise.all([api.task(Number(ctx.arg), { plan: ctx.plan.id }), catalogue(ctx.plan.id)]);
  const chapter = cat.chapters.find((c) => c.number === detail.chapter);
  const quoted = quoteMark(highlighted(ctx.params), t("quote"));
  // Labels like (一) start again in each chapter: a citation names the chapter too.
  const within = chapter ? `${chapter.numeral}、${chapter.title}` : detail.chapter_title;
  return revealQuote(page(
    `${taskNumber(detail)}${gap(taskNumber(detail))}${titled(detail)}`,
    h(
      "p",
      { class: "lead-in" },
      h("a", { href: href("home"), class: "plan-link" }, titled(ctx.plan)),
      ` · ${chapter ? `${chapter.numeral}、${titled(chapter)}` : detail.chapter_title} · `,
      h("a", { href: href("graph", "", { focus: detail.id }), class: "no-print" }, t("showInGraph")),
      " ",
      copyButton({ planId: ctx.plan.id, planTitle: ctx.plan.title, within, number: taskNumber(detail), sentence: detail.title, route: `task/${detail.number}` }),
    ),
    legend(quoted),
    h("div", { class: "task-layout" }, section(t("text"), markedText(detail.text, detail.span.start, marks(detail, quoted), detail.gaps)), links(detail, ctx, within)),
    await editControls(detail, ctx), // issue 23's edit mode: nothing unless an editor of this plan
    section(t("keywords"), h("p", { class: "chips" }, detail.keywords.map((k) => h("span", { class: "chip", lang: "zh-CN" }, k)))),
    section(
      t("related"),
      h(
        "ul",
        { class: "related" },
        detail.related.map((r) =>
          h(
            "li",
            {},
            taskLink(r),
            score(r.score),
            h("span", { class: "muted" }, ` ${[...r.places.map((id) => nameOf(cat.places, id)), ...r.themes.map((id) => nameOf(cat.themes, id))].join("、")} `),
            // The shared keywords are the plan's own words, Chinese in either language.
            r.keywords.length > 0 && h("span", { class: "muted", lang: "zh-CN" }, r.keywords.join("、")),
          ),
        ),
      ),
    ),
  ));
}

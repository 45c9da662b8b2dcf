// A task: its full text with every linked fact marked where the API's spans put it, and
// beside it each link with its evidence and basis; then the related tasks.
import { api, type TaskDetail } from "../api";
import { catalogue, type Ctx } from "../context";
import { h } from "../dom";
import { highlightKinds, pieces, quoteMark, type Mark } from "../highlight";
import { named, t, titled } from "../i18n";
import { href } from "../router";
import { editControls } from "./edit";
import { agencyLink, basis, evidence, highlighted, page, placeLink, score, section, taskLink, themeLink } from "./common";

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

function entry(kind: Mark["kind"], id: string, ...children: (Node | string | false)[]): HTMLElement {
  return h("li", { id: `link-${kind}-${id}`, tabindex: -1, class: `link link-${kind}` }, ...children);
}

function links(task: TaskDetail): HTMLElement {
  return h(
    "aside",
    { class: "links", "aria-label": t("links") },
    task.places.length > 0 &&
      section(t("places"), h("ul", {}, task.places.map((x) => entry("place", x.id, placeLink(x), x.remote && h("span", { class: "badge badge-remote" }, t("remote")), h("span", { class: "muted" }, ` ${x.surface}`), evidence(x.evidence))))),
    task.agencies.length > 0 &&
      section(t("agencies"), h("ul", {}, task.agencies.map((x) => entry("agency", x.id, agencyLink(x), basis(x), x.terms.length > 0 && h("span", { class: "muted" }, ` ${x.terms.join("、")}`), evidence(x.evidence))))),
    task.themes.length > 0 &&
      section(t("themes"), h("ul", {}, task.themes.map((x) => entry("theme", x.id, themeLink(x), score(x.score), evidence(x.evidence))))),
    task.indicators.length > 0 &&
      section(t("targets"), h("ul", {}, task.indicators.map((x) => entry("target", x.id, h("strong", {}, `${x.name} ${x.comparator} ${x.value}${x.unit}`), x.year ? ` (${x.year})` : "", evidence(x.evidence))))),
  );
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

export async function task(ctx: Ctx): Promise<HTMLElement> {
  const [detail, cat] = await Promise.all([api.task(Number(ctx.arg), { plan: ctx.plan.id }), catalogue(ctx.plan.id)]);
  const chapter = cat.chapters.find((c) => c.number === detail.chapter);
  const quoted = quoteMark(highlighted(ctx.params), t("quote"));
  return revealQuote(page(
    `${t("task", { n: detail.number })} · ${titled(detail)}`,
    h(
      "p",
      { class: "lead-in" },
      h("a", { href: href("home") }, t("chapter", { n: detail.chapter })),
      ` · ${chapter ? titled(chapter) : detail.chapter_title} · `,
      h("a", { href: href("graph", "", { focus: detail.id }) }, t("showInGraph")),
    ),
    legend(quoted),
    h("div", { class: "task-layout" }, section(t("text"), markedText(detail.text, detail.span.start, marks(detail, quoted), detail.gaps)), links(detail)),
    await editControls(detail, ctx), // issue 23's edit mode: nothing unless an editor of this plan
    section(t("keywords"), h("p", { class: "chips" }, detail.keywords.map((k) => h("span", { class: "chip" }, k)))),
    section(
      t("related"),
      h(
        "ul",
        { class: "related" },
        detail.related.map((r) =>
          h("li", {}, taskLink(r), score(r.score), h("span", { class: "muted" }, ` ${[...r.places, ...r.themes, ...r.keywords].join("、")}`)),
        ),
      ),
    ),
  ));
}

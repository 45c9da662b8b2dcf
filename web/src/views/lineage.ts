// A plan's lineage: the documents it cites in 《》 (with the verb that introduces each and
// the sentence, linked to that sentence in the plan's text; a loaded plan links to its
// page) and the loaded plans that cite it. Also the documents themselves: a search over
// every cited title and one document with the plans citing it.
import { api, MAX_PAGE, type Citation, type CitingPlan, type Page, type Plan } from "../api";
import type { Ctx } from "../context";
import { h } from "../dom";
import { gloss, lang, t, titled } from "../i18n";
import { explain } from "../errors";
import { href, parse } from "../router";
import { page, pager, quoteLink, section } from "./common";

const LIMIT = 50;

function verb(word: string | null): HTMLElement | false {
  return !!word && h("span", { class: "badge badge-verb", lang: lang() === "en" ? "en" : "zh-CN", title: word }, gloss(word));
}

function documentTitle(c: Pick<Citation, "document" | "title" | "kind" | "plan" | "plan_title">): HTMLElement {
  const name = h("span", { lang: "zh-CN" }, `《${c.title}》`);
  return h(
    "span",
    { class: "document" },
    c.plan ? h("a", { href: href("home", "", { plan: c.plan }), class: "plan-link" }, name) : h("a", { href: href("document", c.document) }, name),
    c.kind && h("span", { class: "badge" }, gloss(c.kind)),
    c.plan && h("span", { class: "badge badge-loaded" }, t("loadedPlan")),
  );
}

export function citesList(plan: string, cites: Page<Citation>): HTMLElement {
  if (cites.total === 0) return h("p", { class: "muted", id: "cites" }, t("noCitations"));
  return h(
    "ul",
    { class: "results", id: "cites" },
    cites.items.map((c) =>
      h(
        "li",
        { "data-document": c.document, "data-plan": c.plan ?? "" },
        verb(c.verb),
        " ",
        documentTitle(c),
        c.count > 1 && h("span", { class: "muted" }, ` · ${t("citedTimes", { n: c.count })}`),
        quoteLink(plan, c),
      ),
    ),
  );
}

export function citedByList(citing: CitingPlan[], id = "cited-by", empty = t("notCited")): HTMLElement {
  if (citing.length === 0) return h("p", { class: "muted", id }, empty);
  return h(
    "ul",
    { class: "results", id },
    citing.map((c) =>
      h(
        "li",
        { "data-plan": c.plan },
        verb(c.verb),
        " ",
        h("a", { href: href("home", "", { plan: c.plan }), class: "plan-link", lang: "zh-CN" }, c.title),
        h("span", { class: "muted" }, ` · ${c.region}`),
        quoteLink(c.plan, c),
      ),
    ),
  );
}

/** The plan page's lineage: the first page of its citations, and every plan citing it. A
 * failure here says so in the section and leaves the rest of the plan's page standing. */
export async function lineageSection(plan: Plan): Promise<HTMLElement> {
  let cites: Page<Citation>, citedBy: Page<CitingPlan>;
  try {
    [cites, citedBy] = await Promise.all([api.citations(plan.id, { limit: LIMIT }), api.citedBy(plan.id, { limit: MAX_PAGE })]);
  } catch (error) {
    return section(t("lineage"), h("p", { class: "error", id: "lineage-error" }, explain(error, parse()).sentence));
  }
  return section(
    t("lineage"),
    h("h3", {}, `${t("cites")} (${cites.total})`),
    citesList(plan.id, cites),
    cites.total > cites.items.length && h("p", {}, h("a", { href: href("lineage") }, `${t("lineage")} →`)),
    h("h3", {}, `${t("citedBy")} (${citedBy.total})`),
    citedByList(citedBy.items),
  );
}

export async function lineage(ctx: Ctx): Promise<HTMLElement> {
  const offset = Number(ctx.params.get("offset") || 0);
  const [cites, citedBy] = await Promise.all([
    api.citations(ctx.plan.id, { offset, limit: LIMIT }),
    api.citedBy(ctx.plan.id, { limit: MAX_PAGE }),
  ]);
  return page(
    `${t("lineage")} · ${titled(ctx.plan)}`,
    section(`${t("cites")} (${cites.total})`, citesList(ctx.plan.id, cites), pager("lineage", "", {}, cites)),
    section(`${t("citedBy")} (${citedBy.total})`, citedByList(citedBy.items)),
  );
}

export async function documents(ctx: Ctx): Promise<HTMLElement> {
  const q = ctx.params.get("q") ?? "";
  const offset = Number(ctx.params.get("offset") || 0);
  const found = await api.documents({ q, offset, limit: LIMIT });
  const input = h("input", { type: "search", name: "q", id: "documents-q", value: q, autocomplete: "off" });
  return page(
    t("documents"),
    h(
      "form",
      { class: "filters", role: "search", onsubmit: (e: Event) => { e.preventDefault(); location.hash = href("documents", "", { q: (input as HTMLInputElement).value.trim() || undefined }); } },
      h("label", { for: "documents-q" }, `${t("search")} `),
      input,
      h("button", { type: "submit" }, t("search")),
    ),
    h(
      "table",
      { class: "table", id: "documents-table" },
      h("thead", {}, h("tr", {}, [t("document"), t("kind"), t("citedBy")].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        found.items.map((d) =>
          h("tr", { "data-document": d.key }, h("td", {}, documentTitle({ ...d, document: d.key, plan_title: null })), h("td", {}, gloss(d.kind)), h("td", { class: "num" }, d.cited_by)),
        ),
      ),
    ),
    pager("documents", "", { q: q || undefined }, found),
  );
}

export async function document_(ctx: Ctx): Promise<HTMLElement> {
  const detail = await api.document(ctx.arg);
  return page(
    `《${detail.title}》`,
    h(
      "p",
      { class: "lead-in" },
      detail.kind && h("span", { class: "badge" }, gloss(detail.kind)),
      detail.plan && h("a", { href: href("home", "", { plan: detail.plan }) }, t("loadedPlan")),
    ),
    section(`${t("citingPlans")} (${detail.citing.length})`, citedByList(detail.citing, "citing")),
  );
}

// Tables people filter (#/table/<kind>): a plan's tasks, places, agencies or targets with
// the API's facets beside them (each value with its count; a click toggles it), sortable
// column headers and pages. Filters, sort and page live in the URL, so a filtered table can
// be linked; the exports are exactly the filtered rows, in the table's order: the API's
// CSV, and the JSON of every page fetched in turn.
import { api, MAX_PAGE, tableDownload, type FacetValue, type TableKind, type TablePage, type TableRows } from "../api";
import type { Ctx } from "../context";
import { h } from "../dom";
import { gloss, lang, named, t, titled, type Word } from "../i18n";
import { go, href, parse } from "../router";
import { TABLES_VALUES } from "../words/tables";
import { comparator, page } from "./common";

const LIMIT = 50;
const KINDS: [TableKind, Word][] = [
  ["tasks", "tblTasks"],
  ["places", "tblPlaces"],
  ["agencies", "tblAgencies"],
  ["targets", "tblTargets"],
];
const FACET_WORDS: Record<string, Word> = {
  chapter: "tblFacetChapter",
  theme: "tblFacetTheme",
  place: "tblFacetPlace",
  agency: "tblFacetAgency",
  has_target: "tblFacetHasTarget",
  basis: "tblFacetBasis",
};
const SINGLE = new Set(["has_target"]); // a yes/no facet: picking one replaces the other
const SHOWN_VALUES = 10; // values of a facet in view; the rest behind "n more"

type Ref = { id: string; name: string; name_en?: string | null };
type Cell = Node | string | number | null | false;
type Column<R> = { word: Word; sort?: string; numeric?: boolean; cell: (row: R, plan: string) => Cell };

const chips = (refs: Ref[], view: string, css: string, plan: string) =>
  h("span", { class: "chips" }, refs.map((r) => h("a", { href: href(view, r.id, { plan }), class: `chip ${css}` }, named(r))));

const COLUMNS: { [K in TableKind]: Column<TableRows[K]>[] } = {
  tasks: [
    { word: "tblNumber", sort: "number_label", cell: (r) => r.number_label || String(r.number) },
    { word: "tblTask", sort: "title", cell: (r, plan) => h("a", { href: href("task", String(r.number), { plan }) }, titled(r)) },
    { word: "tblChapter", sort: "chapter", numeric: true, cell: (r) => h("span", { title: r.chapter_title }, r.chapter) },
    { word: "tblThemes", cell: (r, plan) => chips(r.themes, "theme", "chip-theme", plan) },
    { word: "tblPlacesCol", cell: (r, plan) => chips(r.places, "place", "chip-place", plan) },
    { word: "tblLeads", cell: (r, plan) => chips(r.leads, "agency", "chip-agency", plan) },
    { word: "tblLeadsInferred", cell: (r, plan) => chips(r.leads_inferred, "agency", "chip-agency duty-inferred", plan) },
    { word: "tblPartners", cell: (r, plan) => chips(r.partners, "agency", "chip-agency", plan) },
    { word: "tblTargetCount", sort: "targets", numeric: true, cell: (r) => r.targets },
  ],
  places: [
    { word: "tblName", sort: "name", cell: (r, plan) => h("a", { href: href("place", r.id, { plan }) }, named(r)) },
    { word: "tblKind", sort: "kind", cell: (r) => valueWord("placeKind", r.kind) },
    { word: "tblParent", cell: (r, plan) => r.parent && h("a", { href: href("place", r.parent.id, { plan }) }, named(r.parent)) },
    { word: "tblRemote", sort: "remote", cell: (r) => (r.remote ? t("tblYes") : "") },
    { word: "tblTaskCount", sort: "tasks", numeric: true, cell: (r) => r.tasks },
    { word: "tblChapters", cell: (r) => r.chapters.join("、") },
  ],
  agencies: [
    { word: "tblName", sort: "name", cell: (r, plan) => h("a", { href: href("agency", r.id, { plan }) }, named(r)) },
    { word: "tblLevel", sort: "level", cell: (r) => valueWord("agencyLevel", r.level) },
    { word: "tblKind", sort: "kind", cell: (r) => valueWord("agencyKind", r.kind) },
    { word: "tblLeadsStated", sort: "leads_stated", numeric: true, cell: (r) => r.leads_stated },
    { word: "tblLeadsInferredCount", sort: "leads_inferred", numeric: true, cell: (r) => r.leads_inferred },
    { word: "tblPartnerCount", sort: "partners", numeric: true, cell: (r) => r.partners },
  ],
  targets: [
    { word: "tblNumber", sort: "number", numeric: true, cell: (r) => r.number },
    { word: "tblTarget", sort: "name", cell: (r) => h("span", { lang: "zh-CN" }, r.name) },
    {
      word: "tblValue",
      sort: "value",
      numeric: true,
      cell: (r) => `${comparator(r.comparator)}${r.value}${r.value_max != null ? `~${r.value_max}` : ""}${r.unit}`,
    },
    { word: "tblYear", sort: "year", numeric: true, cell: (r) => r.year ?? "" },
    { word: "tblTargetKind", sort: "kind", cell: (r) => gloss(r.kind) },
    {
      word: "tblStatedIn",
      sort: "task_label",
      cell: (r, plan) =>
        r.task != null
          ? h("a", { href: href("task", String(r.task), { plan }) }, `${t("tblTask")} ${r.task_label || r.task}`)
          : r.goal != null && h("a", { href: href("goal", String(r.goal), { plan }) }, t("tblGoal", { n: r.goal })),
    },
    { word: "tblChapter", sort: "chapter", numeric: true, cell: (r) => r.chapter },
  ],
};

/** A fixed word of the API in the page's language (unknown words as given). */
function valueWord(list: keyof typeof TABLES_VALUES, word: string): string {
  const found = TABLES_VALUES[list][word];
  return found ? found[lang() === "zh" ? 0 : 1] : word;
}

const isKind = (value: string): value is TableKind => KINDS.some(([k]) => k === value);

/** The table's URL with `change` applied to its query (plan and language kept). */
function tableHref(kind: TableKind, params: URLSearchParams, change: (q: URLSearchParams) => void = () => {}): string {
  const query = new URLSearchParams(params);
  change(query);
  for (const key of ["plan", "lang"]) {
    const kept = parse().params.get(key);
    if (kept && !query.has(key)) query.set(key, kept);
  }
  const search = query.toString();
  return `#/table/${kind}${search ? `?${search}` : ""}`;
}

/** What the API is asked: the URL's filters, sort and order (not the page's plan or language). */
function apiQuery(kind: TableKind, params: URLSearchParams, facets: string[]): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of facets) {
    const values = params.getAll(name);
    if (values.length) query[name] = values;
  }
  const sort = params.get("sort");
  if (sort && COLUMNS[kind].some((c) => c.sort === sort)) {
    query.sort = sort;
    if (params.get("order") === "desc") query.order = "desc";
  }
  return query;
}

function facetValue(kind: TableKind, params: URLSearchParams, name: string, value: FacetValue): HTMLElement {
  const chosen = params.getAll(name).includes(value.value);
  const to = tableHref(kind, params, (q) => {
    let kept = q.getAll(name).filter((v) => v !== value.value);
    if (!chosen) kept = SINGLE.has(name) ? [value.value] : [...kept, value.value];
    q.delete(name);
    q.delete("offset");
    for (const v of kept) q.append(name, v);
  });
  const label = (lang() === "en" && value.label_en) || value.label;
  return h(
    "li",
    {},
    h(
      "a",
      { href: to, "aria-current": chosen ? "true" : null, "data-facet": name, "data-value": value.value, title: chosen ? t("tblUnselect") : null },
      h("span", { class: "label" }, label),
      h("span", { class: "count" }, value.count),
    ),
  );
}

function facetPanel(kind: TableKind, params: URLSearchParams, facets: Record<string, FacetValue[]>): HTMLElement {
  // A facet with no value among these rows (a goal's targets have no theme) is left out.
  const panels = Object.entries(facets).filter(([, values]) => values.length > 0).map(([name, values]) => {
    // Chosen values first stay in view, whatever their count.
    const chosen = values.filter((v) => params.getAll(name).includes(v.value));
    const rest = values.filter((v) => !chosen.includes(v));
    const shown = [...chosen, ...rest.slice(0, Math.max(0, SHOWN_VALUES - chosen.length))];
    const hidden = rest.slice(shown.length - chosen.length);
    const word = name === "basis" && kind === "agencies" ? "tblFacetBasisAgency" : FACET_WORDS[name];
    return h(
      "section",
      { class: "facet", "data-facet": name },
      h("h3", {}, word ? t(word) : name),
      h("ul", {}, shown.map((v) => facetValue(kind, params, name, v))),
      hidden.length > 0 &&
        h("details", {}, h("summary", {}, t("tblMoreValues", { n: hidden.length })), h("ul", {}, hidden.map((v) => facetValue(kind, params, name, v)))),
    );
  });
  return h("aside", { class: "facets", "aria-label": t("tblFilters") }, h("h2", {}, t("tblFilters")), panels);
}

function header<K extends TableKind>(kind: K, params: URLSearchParams, column: Column<TableRows[K]>): HTMLElement {
  if (!column.sort) return h("th", { scope: "col" }, t(column.word));
  const sorted = params.get("sort") === column.sort;
  const descending = sorted && params.get("order") === "desc";
  const to = tableHref(kind, params, (q) => {
    q.set("sort", column.sort as string);
    if (sorted && !descending) q.set("order", "desc");
    else q.delete("order");
    q.delete("offset");
  });
  return h(
    "th",
    { scope: "col", "aria-sort": sorted ? (descending ? "descending" : "ascending") : null, "data-sort": column.sort },
    h("a", { href: to, title: sorted ? t(descending ? "tblSortedDesc" : "tblSortedAsc") : null }, t(column.word)),
  );
}

function rowsTable<K extends TableKind>(kind: K, params: URLSearchParams, rows: TableRows[K][], plan: string): HTMLElement {
  const columns = COLUMNS[kind] as Column<TableRows[K]>[];
  return h(
    "table",
    { class: "table table-view", id: "table-rows", "data-kind": kind },
    h("thead", {}, h("tr", {}, columns.map((c) => header(kind, params, c)))),
    h(
      "tbody",
      {},
      rows.map((row) =>
        h(
          "tr",
          { "data-key": String("number" in row ? row.number : row.id) },
          columns.map((c) => h("td", { class: c.numeric ? "num" : null }, c.cell(row, plan))),
        ),
      ),
    ),
  );
}

function pager(kind: TableKind, params: URLSearchParams, got: { total: number; offset: number; items: unknown[] }): HTMLElement | null {
  if (got.total <= LIMIT && got.offset === 0) return null;
  const at = (offset: number) =>
    tableHref(kind, params, (q) => {
      if (offset > 0) q.set("offset", String(offset));
      else q.delete("offset");
    });
  return h(
    "nav",
    { class: "pager table-pager", "aria-label": t("tblRange", { from: got.offset + 1, to: got.offset + got.items.length, total: got.total }) },
    got.offset > 0 && h("a", { href: at(Math.max(0, got.offset - LIMIT)), rel: "prev" }, t("tblPrevious")),
    h("span", { class: "muted" }, ` ${t("tblRange", { from: got.offset + 1, to: got.offset + got.items.length, total: got.total })} `),
    got.offset + got.items.length < got.total && h("a", { href: at(got.offset + LIMIT), rel: "next" }, t("tblNext")),
  );
}

/** Every filtered row, fetched a page at a time, saved as one JSON file. */
async function exportJson(plan: string, kind: TableKind, query: Record<string, string | string[]>, button: HTMLButtonElement): Promise<void> {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = t("tblExporting");
  try {
    const rows: unknown[] = [];
    for (;;) {
      const next = await api.table(plan, kind, { ...query, limit: MAX_PAGE, offset: rows.length });
      rows.push(...next.items);
      if (next.items.length === 0 || rows.length >= next.total) break;
    }
    const blob = new Blob([JSON.stringify(rows, null, 2)], { type: "application/json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: `${plan}-${kind}.json` });
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

export async function table(ctx: Ctx): Promise<HTMLElement> {
  const kind: TableKind = ctx.arg === "" ? "tasks" : isKind(ctx.arg) ? ctx.arg : "tasks";
  if (ctx.arg !== "" && !isKind(ctx.arg)) go(tableHref("tasks", new URLSearchParams()), true);
  const params = new URLSearchParams(ctx.params);
  params.delete("lang");
  const offset = Number(params.get("offset") || 0);
  const filters = Object.keys(FACET_WORDS);
  const query = apiQuery(kind, params, filters);
  const got: TablePage<typeof kind> = await api.table(ctx.plan.id, kind, { ...query, limit: LIMIT, offset });
  const word = KINDS.find(([k]) => k === kind)?.[1] ?? "tblTasks";
  const filtered = filters.some((f) => params.has(f));
  const json = h("button", { type: "button", id: "table-json", class: "button" }, t("tblExportJson")) as HTMLButtonElement;
  json.addEventListener("click", () => void exportJson(ctx.plan.id, kind, query, json));
  return page(
    t("tblTitle", { kind: t(word) }),
    h(
      "nav",
      { "aria-label": t("tblKinds") },
      h(
        "ul",
        { class: "table-kinds" },
        KINDS.map(([k, w]) => h("li", {}, h("a", { href: tableHref(k, new URLSearchParams({ plan: ctx.plan.id })), "aria-current": k === kind ? "page" : null, "data-kind": k }, t(w)))),
      ),
    ),
    h(
      "div",
      { class: "table-layout" },
      facetPanel(kind, params, got.facets),
      h(
        "div",
        {},
        h(
          "p",
          { class: "table-tools" },
          h("span", { id: "table-count", "data-total": got.total }, t("tblRows", { total: got.total })),
          filtered && h("a", { href: tableHref(kind, new URLSearchParams({ plan: ctx.plan.id })), id: "table-clear" }, t("tblClear")),
          h("a", { href: tableDownload(ctx.plan.id, kind, query), download: "", id: "table-csv", class: "button" }, t("tblExportCsv")),
          json,
        ),
        got.total === 0 ? h("p", { class: "muted" }, t("tblNoRows")) : rowsTable(kind, params, got.items, ctx.plan.id),
        pager(kind, params, got),
      ),
    ),
  );
}

// Every numeric target in one table: filter by year, unit, kind, task or goal, sort by any
// column, export what is shown as CSV; a chart of targets per chapter above it. The filters
// and the sort live in the URL, so a filtered table can be linked.
import { api, MAX_PAGE, type Indicator } from "../api";
import { barChart } from "../chart";
import { all, catalogue, type Ctx } from "../context";
import { shown } from "../enums";
import { h } from "../dom";
import { t, titled } from "../i18n";
import { go, href } from "../router";
import { copyButton } from "../cite";
import { comparator, page, section, taskNumber } from "./common";

const FILTERS = ["year", "unit", "kind", "task", "goal"] as const;
type Filter = (typeof FILTERS)[number];
type Column = { key: string; word: Parameters<typeof t>[0]; value: (x: Indicator) => string | number };

const COLUMNS: Column[] = [
  { key: "name", word: "name", value: (x) => x.name },
  { key: "value", word: "value", value: (x) => x.value },
  { key: "unit", word: "unit", value: (x) => x.unit },
  { key: "year", word: "year", value: (x) => x.year ?? "" },
  { key: "kind", word: "kind", value: (x) => x.kind },
  { key: "scope", word: "scope", value: (x) => `${x.scope} ${String(x.scope_number).padStart(3, "0")}` },
];

function matches(x: Indicator, filters: Map<Filter, string>): boolean {
  for (const [key, wanted] of filters) {
    const have = {
      year: String(x.year ?? ""),
      unit: x.unit,
      kind: x.kind,
      task: x.scope === "task" ? String(x.scope_number) : "",
      goal: x.scope === "goal" ? String(x.scope_number) : "",
    }[key];
    if (have !== wanted) return false;
  }
  return true;
}

function csv(rows: Indicator[]): string {
  const header = ["id", "name", "comparator", "value", "unit", "year", "kind", "scope", "scope_number", "evidence"];
  const quote = (v: unknown) => `"${String(v ?? "").replace(/"/g, '""')}"`;
  const lines = rows.map((x) => [x.id, x.name, x.comparator, x.value, x.unit, x.year, x.kind, x.scope, x.scope_number, x.evidence].map(quote).join(","));
  // A byte-order mark so spreadsheet programs read the Chinese as UTF-8.
  return "\ufeff" + [header.join(","), ...lines].join("\r\n") + "\r\n";
}

function download(name: string, text: string): void {
  const link = h("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" })), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

export async function targets(ctx: Ctx): Promise<HTMLElement> {
  const [indicators, cat] = await Promise.all([
    all((offset) => api.indicators({ plan: ctx.plan.id, limit: MAX_PAGE, offset })),
    catalogue(ctx.plan.id),
  ]);
  // The task stating a target, by its number as the plan writes it.
  const taskOf = new Map(cat.tasks.map((x) => [x.number, x]));
  const scopeLabel = (x: Indicator) => {
    const task = x.scope === "task" ? taskOf.get(x.scope_number) : undefined;
    return task ? taskNumber(task) : t(x.scope === "task" ? "task" : "goal", { n: x.scope_number });
  };
  // Its task's chapter as written, for a citation: labels like (一) restart in each chapter.
  const chapterAsWritten = new Map(cat.chapters.map((c) => [c.number, `${c.numeral}、${c.title}`]));
  const withinOf = (x: Indicator) => (x.scope === "task" ? chapterAsWritten.get(taskOf.get(x.scope_number)?.chapter ?? -1) : undefined);
  const filters = new Map<Filter, string>();
  for (const key of FILTERS) {
    const value = ctx.params.get(key);
    if (value) filters.set(key, value);
  }
  const sortKey = ctx.params.get("sort") ?? "";
  const descending = ctx.params.get("dir") === "desc";
  const column = COLUMNS.find((c) => c.key === sortKey);
  const rows = indicators.filter((x) => matches(x, filters));
  if (column) {
    rows.sort((a, b) => {
      const [x, y] = [column.value(a), column.value(b)];
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh");
      return descending ? -order : order;
    });
  }
  const state = (changes: Record<string, string | undefined>) => {
    const params: Record<string, string | undefined> = {};
    for (const key of [...FILTERS, "sort", "dir"]) params[key] = ctx.params.get(key) ?? undefined;
    return href("targets", "", { ...params, ...changes });
  };
  const distinct = (values: (string | number | null)[]) =>
    [...new Set(values.filter((v) => v !== null && v !== "").map(String))].sort((a, b) => a.localeCompare(b, "zh", { numeric: true }));
  const options: Record<Filter, string[]> = {
    year: distinct(indicators.map((x) => x.year)),
    unit: distinct(indicators.map((x) => x.unit)),
    kind: distinct(indicators.map((x) => x.kind)),
    task: distinct(indicators.filter((x) => x.scope === "task").map((x) => x.scope_number)),
    goal: distinct(indicators.filter((x) => x.scope === "goal").map((x) => x.scope_number)),
  };
  const words: Record<Filter, Parameters<typeof t>[0]> = { year: "year", unit: "unit", kind: "kind", task: "tasks", goal: "goals" };
  const form = h(
    "form",
    { class: "filters", "aria-label": t("filter"), onsubmit: (e: Event) => e.preventDefault() },
    FILTERS.map((key) =>
      h(
        "label",
        {},
        `${t(words[key])} `,
        h(
          "select",
          { name: key, id: `filter-${key}`, onchange: (e: Event) => go(state({ [key]: (e.target as HTMLSelectElement).value || undefined }), true) },
          h("option", { value: "" }, t("all")),
          options[key].map((v) => h("option", { value: v, selected: filters.get(key) === v }, key === "kind" ? shown("Indicator.kind", v) : key === "task" && taskOf.has(Number(v)) ? taskNumber(taskOf.get(Number(v))!) : v)),
        ),
      ),
    ),
    h("button", { type: "button", id: "export-csv", onclick: () => download(`targets-${ctx.plan.id}.csv`, csv(rows)) }, t("exportCsv")),
  );
  const chapterOf = new Map(cat.tasks.map((x) => [x.number, x.chapter]));
  const perChapter = new Map<string, number>();
  for (const x of rows) {
    const label = x.scope === "goal" ? t("goals") : t("chapter", { n: chapterOf.get(x.scope_number) ?? "?" });
    perChapter.set(label, (perChapter.get(label) ?? 0) + 1);
  }
  const chapterTitle = new Map(cat.chapters.map((c) => [t("chapter", { n: c.number }), titled(c)]));
  const bars = [...perChapter].map(([label, value]) => ({ label: chapterTitle.has(label) ? `${label} ${chapterTitle.get(label)}` : label, value }));
  const header = [...COLUMNS.map((c) => {
    const active = c.key === sortKey;
    const sort = active ? (descending ? "descending" : "ascending") : "none";
    return h(
      "th",
      { scope: "col", "aria-sort": sort },
      h("a", { href: state({ sort: c.key, dir: active && !descending ? "desc" : undefined }), title: t("sortBy") }, t(c.word), active ? (descending ? " ▼" : " ▲") : ""),
    );
  }), h("th", { scope: "col", class: "copy-cell" }, t("source"))];
  return page(
    t("targets"),
    form,
    h("p", { role: "status", id: "targets-count" }, t("shown", { n: rows.length, total: indicators.length })),
    section(t("targetsByChapter"), barChart(t("targetsByChapter"), bars)),
    h(
      "table",
      { class: "table", id: "targets-table" },
      h("thead", {}, h("tr", {}, header)),
      h(
        "tbody",
        {},
        rows.map((x) =>
          h(
            "tr",
            { "data-year": x.year ?? "", "data-unit": x.unit },
            h("td", { title: x.evidence }, x.name),
            h("td", { class: "num" }, `${comparator(x.comparator) ? `${comparator(x.comparator)} ` : ""}${x.value}`),
            h("td", {}, x.unit),
            h("td", {}, x.year ?? ""),
            h("td", {}, shown("Indicator.kind", x.kind)),
            h("td", { class: "scope-cell" }, h("a", { href: href(x.scope, String(x.scope_number)) }, scopeLabel(x))),
            h("td", { class: "copy-cell" }, copyButton({ planId: ctx.plan.id, planTitle: ctx.plan.title, within: withinOf(x), number: scopeLabel(x), sentence: x.evidence, route: `${x.scope}/${x.scope_number}?hl=${x.span.start}-${x.span.end}` })),
          ),
        ),
      ),
    ),
  );
}

// The responsibility table (任务分工表): per plan (#/duties) or per agency across plans
// (#/duties/<agency>), one row per task with its number as written, its leads (stated
// apart from inferred), partners, targets and their years; the API's CSV and XLSX of the
// same rows are one click away.
import { api, dutiesDownload, type Duty, type ResponsibilityRow } from "../api";
import type { Ctx } from "../context";
import { h } from "../dom";
import { shown } from "../enums";
import { gloss, named, t, titled } from "../i18n";
import { href } from "../router";
import { comparator, page, pager } from "./common";

const LIMIT = 100;

function duty(d: Duty, plan: string): HTMLElement {
  const how = [shown("RESPONSIBLE_FOR.found_by", d.found_by), d.clause_word ? gloss(d.clause_word) : "", d.evidence].filter(Boolean).join(" · ");
  return h(
    "a",
    { href: href("agency", d.agency, { plan }), class: `chip chip-agency duty-${d.basis}`, "data-basis": d.basis, "data-agency": d.agency, title: how },
    d.name,
    d.basis === "inferred" && h("span", { class: "badge badge-inferred" }, t("inferred")),
  );
}

const chips = (duties: Duty[], plan: string) => h("span", { class: "chips" }, duties.map((d) => duty(d, plan)));

function targets(row: ResponsibilityRow): HTMLElement {
  return h(
    "ul",
    { class: "duty-targets" },
    row.targets.map((x) =>
      h("li", { lang: "zh-CN" }, `${x.name} ${comparator(x.comparator)}${x.value}${x.value_max != null ? `~${x.value_max}` : ""}${x.unit}`, x.year ? ` (${x.year})` : ""),
    ),
  );
}

function years(row: ResponsibilityRow): string {
  return [...new Set(row.targets.map((x) => x.year).filter((y): y is number => y != null))].sort().join("、");
}

function table(rows: ResponsibilityRow[], withPlan: boolean): HTMLElement {
  const columns = [
    ...(withPlan ? [t("plan")] : []),
    t("number"),
    t("tasks"),
    t("leadsExplicit"),
    t("leadsInferred"),
    t("partnerAgencies"),
    t("targets"),
    t("years"),
  ];
  return h(
    "table",
    { class: "table duties", id: "duties-table" },
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
    h(
      "tbody",
      {},
      rows.map((row) =>
        h(
          "tr",
          { "data-plan": row.plan, "data-task": row.task },
          withPlan && h("td", {}, h("a", { href: href("home", "", { plan: row.plan }), lang: "zh-CN" }, row.plan_title)),
          h("td", { class: "num" }, row.number_label || String(row.task)),
          h("td", { class: "task-cell" }, h("a", { href: href("task", String(row.task), { plan: row.plan }), lang: "zh-CN" }, row.title)),
          h("td", {}, chips(row.leads.filter((d) => d.basis !== "inferred"), row.plan)),
          h("td", {}, chips(row.leads.filter((d) => d.basis === "inferred"), row.plan)),
          h("td", {}, chips(row.partners, row.plan)),
          h("td", {}, targets(row)),
          h("td", {}, years(row)),
        ),
      ),
    ),
  );
}

function downloads(csv: string, xlsx: string): HTMLElement {
  return h(
    "p",
    { class: "downloads" },
    h("a", { href: csv, download: "", id: "duties-csv", class: "button" }, t("downloadCsv")),
    " ",
    h("a", { href: xlsx, download: "", id: "duties-xlsx", class: "button" }, t("downloadXlsx")),
  );
}

export async function duties(ctx: Ctx): Promise<HTMLElement> {
  const offset = Number(ctx.params.get("offset") || 0);
  if (ctx.arg) {
    // One agency across every loaded plan (its own plan's agencies are its region's).
    const [agency, rows] = await Promise.all([
      api.agency(ctx.arg, { plan: ctx.plan.id }),
      api.agencyDuties(ctx.arg, { plan: "*", offset, limit: LIMIT }),
    ]);
    return page(
      `${t("duties")} · ${named(agency)}`,
      downloads(dutiesDownload.agency(ctx.arg, "*", "csv"), dutiesDownload.agency(ctx.arg, "*", "xlsx")),
      h("p", { class: "muted", id: "duties-count" }, t("shown", { n: rows.items.length, total: rows.total })),
      rows.total === 0 ? h("p", { class: "muted" }, t("noRows")) : table(rows.items, true),
      pager("duties", ctx.arg, {}, rows),
    );
  }
  const rows = await api.planDuties(ctx.plan.id, { offset, limit: LIMIT });
  return page(
    `${t("duties")} · ${titled(ctx.plan)}`,
    downloads(dutiesDownload.plan(ctx.plan.id, "csv"), dutiesDownload.plan(ctx.plan.id, "xlsx")),
    h("p", { class: "muted", id: "duties-count" }, t("shown", { n: rows.items.length, total: rows.total })),
    rows.total === 0 ? h("p", { class: "muted" }, t("noRows")) : table(rows.items, false),
    pager("duties", "", {}, rows),
  );
}

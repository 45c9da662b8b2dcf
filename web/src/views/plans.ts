// Every loaded plan in one table: title, region, level, period and counts. Home when several
// plans are loaded; and where a view that belongs to one plan asks which (`for=<view>`),
// each title leads to that view in that plan.
import type { Plan } from "../api";
import type { Ctx } from "../context";
import { h } from "../dom";
import { t, titled, type Word } from "../i18n";
import { href } from "../router";
import { page, section } from "./common";

const period = (p: Plan) => (p.period_start || p.period_end ? `${p.period_start ?? "?"}–${p.period_end ?? "?"}` : "—");

export function regionLevel(level: Plan["region_level"]): string {
  return level ? t(`level_${level}` as Word) : "—";
}

/** Where a plan's title leads: its page, or the view the reader asked for. */
function target(ctx: Ctx, plan: Plan): string {
  const wanted = ctx.params.get("for");
  if (!wanted) return href("home", "", { plan: plan.id });
  const params: Record<string, string> = { plan: plan.id };
  for (const [key, value] of ctx.params) if (key !== "for" && key !== "plan" && key !== "lang") params[key] = value;
  return href(wanted, ctx.params.get("arg") ?? "", { ...params, arg: undefined });
}

/** A view's name in the page's words; a view without one keeps its route name. */
function viewName(view: string): string {
  try {
    return t(view as Word);
  } catch {
    return view;
  }
}

export async function plans(ctx: Ctx): Promise<HTMLElement> {
  const wanted = ctx.params.get("for");
  const counts: [Word, (p: Plan) => number][] = [
    ["chapters", (p) => p.chapters],
    ["goals", (p) => p.goals],
    ["tasks", (p) => p.tasks],
    ["targets", (p) => p.indicators],
  ];
  return page(
    t("plansTitle"),
    h("p", { class: "lead-in", id: "plans-count" }, wanted ? t("chooseFor", { view: viewName(wanted) }) : t("plansLead", { n: ctx.plans.length })),
    h(
      "table",
      { class: "table", id: "plans-table" },
      h("thead", {}, h("tr", {}, [t("plan"), t("region"), t("regionLevel"), t("period"), ...counts.map(([word]) => t(word))].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        ctx.plans.map((p) =>
          h(
            "tr",
            { "data-plan": p.id },
            h("td", {}, h("a", { href: target(ctx, p), class: "plan-link" }, titled(p))),
            h("td", { lang: "zh-CN" }, p.region),
            h("td", {}, regionLevel(p.region_level)),
            h("td", { class: "num" }, period(p)),
            counts.map(([word, count]) => h("td", { class: "num", "data-count": word }, count(p))),
          ),
        ),
      ),
    ),
    section(
      t("planViews"),
      h(
        "p",
        { class: "chips" },
        h("a", { href: href("families", "", { plan: undefined }), id: "families-link" }, t("familiesTitle")),
        " · ",
        h("a", { href: href("documents", "", { plan: undefined }), id: "documents-link" }, t("documents")),
      ),
    ),
  );
}

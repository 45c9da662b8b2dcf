// One indicator family across plans: the families with their counts, and for one family a
// chart of the converted values (one bar per target, in the family's unit) and a table of
// each target as written, each bar and row linking to its sentence. `scope=plan` keeps to
// the plan shown; the default is every loaded plan (the API's `plan=*`).
import { api, MAX_PAGE, type FamilyOut, type FamilyTarget } from "../api";
import { barChart } from "../chart";
import type { Ctx } from "../context";
import { h } from "../dom";
import { shown } from "../enums";
import { gloss, lang, t } from "../i18n";
import { href } from "../router";
import { comparator, page, pager, quoteLink, sentenceHref } from "./common";

const LIMIT = 50;

/** `*` for every plan, else the plan shown. */
function planOf(ctx: Ctx): string {
  return ctx.params.get("scope") === "plan" && ctx.chosen ? ctx.plan.id : "*";
}

function scopeSwitch(ctx: Ctx, view: string, arg = ""): HTMLElement {
  const mine = ctx.params.get("scope") === "plan";
  const link = (scope: string | undefined, word: "allPlans" | "thisPlan", current: boolean) =>
    h("a", { href: href(view, arg, { scope }), "aria-current": current ? "true" : null, class: "scope" }, t(word));
  // "This plan" only when a plan is chosen: with several loaded and none named there is none.
  return h("p", { class: "scope-switch" }, link(undefined, "allPlans", !mine), ctx.chosen && [" · ", link("plan", "thisPlan", mine)]);
}

const familyName = (f: Pick<FamilyOut, "name" | "name_en">) => (lang() === "en" && f.name_en) || f.name;

/** A number as a reader writes it: no binary fractions (0.30000000000000004). */
const number = (value: number) => String(Number(value.toPrecision(8)));

function asWritten(x: FamilyTarget): string {
  const range = x.value_max != null ? `${number(x.value)}~${number(x.value_max)}` : number(x.value);
  const word = comparator(x.comparator);
  return `${word ? `${word} ` : ""}${range}${x.unit}`;
}

function converted(x: FamilyTarget): string {
  if (x.value_converted == null) return "—";
  const range = x.value_max_converted != null ? `${number(x.value_converted)}~${number(x.value_max_converted)}` : number(x.value_converted);
  return `${range}${x.unit_converted ?? ""}`;
}

/** The task (by its number as written) or goal stating the target. */
const whereLabel = (x: FamilyTarget) =>
  x.task != null ? (x.task_label || t("task", { n: x.task })) : x.goal != null ? t("goal", { n: x.goal }) : "";

function where(x: FamilyTarget): HTMLElement | string {
  const label = whereLabel(x);
  return label ? h("a", { href: sentenceHref(x.plan, x) }, label) : "—";
}

export async function families(ctx: Ctx): Promise<HTMLElement> {
  const found = await api.families({ plan: planOf(ctx), limit: MAX_PAGE });
  return page(
    t("familiesTitle"),
    scopeSwitch(ctx, "families"),
    h(
      "table",
      { class: "table", id: "families-table" },
      h("thead", {}, h("tr", {}, [t("name"), t("dimension"), t("unit"), t("targetsCount"), t("plansCount"), t("source")].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        found.items.map((f) =>
          h(
            "tr",
            { "data-family": f.key },
            h("td", {}, h("a", { href: href("family", f.key, { scope: ctx.params.get("scope") ?? undefined }) }, familyName(f))),
            h("td", {}, gloss(f.dimension)),
            h("td", {}, f.unit),
            h("td", { class: "num" }, f.targets),
            h("td", { class: "num" }, f.plans),
            h("td", { class: "muted" }, gloss(f.source)),
          ),
        ),
      ),
    ),
  );
}

export async function family(ctx: Ctx): Promise<HTMLElement> {
  const plan = planOf(ctx);
  const offset = Number(ctx.params.get("offset") || 0);
  const [targets, all] = await Promise.all([
    api.family(ctx.arg, { plan, offset, limit: LIMIT }),
    api.families({ plan: "*", limit: MAX_PAGE }),
  ]);
  const meta = all.items.find((f) => f.key === ctx.arg);
  const name = meta ? familyName(meta) : ctx.arg;
  const unit = targets.items.find((x) => x.unit_converted)?.unit_converted ?? meta?.unit ?? "";
  const title = t("acrossPlans", { name, unit });
  const bars = targets.items.map((x) => ({
    label: `${x.region} ${x.year ?? ""} ${whereLabel(x)}`,
    value: x.value_converted ?? x.value,
    text: converted(x),
    href: sentenceHref(x.plan, x),
  }));
  const stay = { scope: ctx.params.get("scope") ?? undefined };
  return page(
    name,
    scopeSwitch(ctx, "family", ctx.arg),
    h("p", { class: "muted" }, h("a", { href: href("families", "", stay) }, t("familiesTitle")), meta ? ` · ${gloss(meta.dimension)} · ${t("source")}: ${gloss(meta.source)}` : ""),
    targets.total === 0 ? h("p", { class: "muted", id: "family-empty" }, t("noFamily")) : h("figure", { id: "family-chart" }, barChart(title, bars), h("figcaption", { class: "muted" }, title)),
    pager("family", ctx.arg, stay, targets),
    h(
      "table",
      { class: "table", id: "family-table" },
      h(
        "thead",
        {},
        h("tr", {}, [t("plan"), t("region"), t("asWritten"), t("converted"), t("comparator"), t("year"), t("kind"), t("taskOrGoal"), t("quoteCol")].map((c) => h("th", { scope: "col" }, c))),
      ),
      h(
        "tbody",
        {},
        targets.items.map((x) =>
          h(
            "tr",
            { "data-plan": x.plan, "data-indicator": x.indicator },
            h("td", {}, h("a", { href: href("home", "", { plan: x.plan }), lang: "zh-CN" }, x.plan_title)),
            h("td", {}, x.region),
            h("td", { class: "num", title: x.name }, asWritten(x)),
            h("td", { class: "num" }, converted(x)),
            h("td", {}, comparator(x.comparator) || x.comparator),
            h("td", {}, x.year ?? ""),
            h("td", {}, shown("Indicator.kind", x.kind)),
            h("td", {}, where(x)),
            h("td", { class: "quote-cell" }, quoteLink(x.plan, x)),
          ),
        ),
      ),
    ),
  );
}

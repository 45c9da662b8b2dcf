// Agencies: who leads how many tasks, stated and inferred apart (a stacked chart says it at
// a glance), and one agency's lead and partner tasks with the basis of each.
import { api, MAX_PAGE, type AgencyTask } from "../api";
import { shown } from "../enums";
import { catalogue, type Ctx } from "../context";
import { h } from "../dom";
import { named, t } from "../i18n";
import { href } from "../router";
import { stackedBarChart } from "../stackedChart";
import { agencyLink, basis, dl, evidence, page, section, taskLink } from "./common";

function taskList(tasks: AgencyTask[], id: string): HTMLElement {
  return h(
    "ul",
    { class: "results", id },
    tasks.map((x) => h("li", { "data-task": x.number }, taskLink(x), basis(x), evidence(x.evidence))),
  );
}

export async function agency(ctx: Ctx): Promise<HTMLElement> {
  const [detail, tasks] = await Promise.all([
    api.agency(ctx.arg, { plan: ctx.plan.id }),
    api.agencyTasks(ctx.arg, { plan: ctx.plan.id, limit: MAX_PAGE }),
  ]);
  const leads = tasks.items.filter((x) => x.role === "lead");
  const partners = tasks.items.filter((x) => x.role === "partner");
  return page(
    named(detail),
    dl([
      [t("name"), h("span", {}, `${detail.name} (${detail.short_name}) · `, h("span", { lang: "en" }, detail.name_en))],
      [t("level"), shown("Agency.level", detail.level)],
      [t("kind"), shown("Agency.kind", detail.kind)],
    ]),
    h(
      "p",
      {},
      h("a", { href: href("graph", "", { focus: detail.id }) }, t("showInGraph")),
      " · ",
      h("a", { href: href("duties", detail.id), id: "duties-link" }, t("duties")),
      " · ",
      h("a", { href: href("lineage", "", { plan: ctx.plan.id }), id: "lineage-link" }, t("lineage")),
      " · ",
      h("a", { href: href("families", "", { plan: ctx.plan.id, scope: "plan" }), id: "families-link" }, t("familiesTitle")),
    ),
    section(`${t("leads")} (${leads.length})`, taskList(leads, "lead-tasks")),
    section(`${t("partners")} (${partners.length})`, taskList(partners, "partner-tasks")),
  );
}

export async function agencies(ctx: Ctx): Promise<HTMLElement> {
  const { agencies } = await catalogue(ctx.plan.id);
  const ranked = [...agencies].sort((a, b) => b.leads - a.leads || b.leads_stated - a.leads_stated || b.partners - a.partners);
  const leading = ranked.filter((a) => a.leads > 0);
  // Stated (a clause or the text names the body) and inferred (from its remit terms) apart:
  // a count that mixes them reads as fact what is a guess.
  const num = (value: number, kind: string) => h("td", { class: "num", "data-col": kind }, value);
  const columns = [t("name"), t("level"), t("searchLeadsStated"), t("searchLeadsInferred"), t("searchPartnersStated"), t("searchPartnersInferred")];
  return page(
    t("agencies"),
    section(
      t("leadsByAgency"),
      stackedBarChart(
        t("leadsByAgency"),
        leading.map((a) => ({ label: named(a), stated: a.leads_stated, inferred: a.leads_inferred, href: href("agency", a.id) })),
        { stated: t("searchStatedLegend"), inferred: t("searchInferredLegend") },
      ),
    ),
    h(
      "table",
      { class: "table", id: "agencies-table" },
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        ranked.map((a) =>
          h(
            "tr",
            { "data-agency": a.id },
            h("td", {}, agencyLink(a)),
            h("td", {}, shown("Agency.level", a.level)),
            num(a.leads_stated, "leads-stated"),
            num(a.leads_inferred, "leads-inferred"),
            num(a.partners_stated, "partners-stated"),
            num(a.partners_inferred, "partners-inferred"),
          ),
        ),
      ),
    ),
  );
}

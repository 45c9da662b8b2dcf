// Agencies: who leads how many tasks (a chart says it at a glance), and one agency's lead
// and partner tasks with the basis of each.
import { api, MAX_PAGE, type AgencyTask } from "../api";
import { barChart } from "../chart";
import { catalogue, type Ctx } from "../context";
import { h } from "../dom";
import { named, t } from "../i18n";
import { href } from "../router";
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
      [t("name"), `${detail.name} (${detail.short_name}) · ${detail.name_en}`],
      [t("level"), detail.level],
      [t("kind"), detail.kind],
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
  const ranked = [...agencies].sort((a, b) => b.leads - a.leads || b.partners - a.partners);
  const leading = ranked.filter((a) => a.leads > 0);
  return page(
    t("agencies"),
    section(
      t("leadsByAgency"),
      barChart(t("leadsByAgency"), leading.map((a) => ({ label: named(a), value: a.leads, href: href("agency", a.id) }))),
    ),
    h(
      "table",
      { class: "table" },
      h("thead", {}, h("tr", {}, [t("name"), t("level"), t("leads"), t("partners")].map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, ranked.map((a) => h("tr", {}, h("td", {}, agencyLink(a)), h("td", {}, a.level), h("td", { class: "num" }, a.leads), h("td", { class: "num" }, a.partners)))),
    ),
  );
}

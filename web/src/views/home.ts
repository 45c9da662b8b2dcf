// The plan at a glance: its title and counts, then every chapter with its tasks.
import { catalogue, type Ctx } from "../context";
import { h } from "../dom";
import { t, titled } from "../i18n";
import { href } from "../router";
import { page, section, taskLink, themeLink } from "./common";
import { lineageSection } from "./lineage";
import { regionLevel } from "./plans";

export async function home(ctx: Ctx): Promise<HTMLElement> {
  const [{ tasks, chapters, themes }, lineage] = await Promise.all([catalogue(ctx.plan.id), lineageSection(ctx.plan)]);
  const plan = ctx.plan;
  return page(
    titled(plan),
    h(
      "p",
      { class: "lead-in" },
      `${plan.region} · ${regionLevel(plan.region_level)} · ${plan.period_start ?? "?"}–${plan.period_end ?? "?"} · `,
      `${t("chapters")} ${plan.chapters} · ${t("tasks")} ${plan.tasks} · ${t("goals")} ${plan.goals} · `,
      h("a", { href: href("targets", "", { plan: plan.id }) }, `${t("targets")} ${plan.indicators}`),
    ),
    // The views across plans (issue 21), each opened on this plan.
    h(
      "p",
      { class: "plan-views" },
      h("a", { href: href("duties", "", { plan: plan.id }), id: "duties-link" }, t("duties")),
      " · ",
      h("a", { href: href("lineage", "", { plan: plan.id }), id: "lineage-link" }, t("lineage")),
      " · ",
      h("a", { href: href("families", "", { plan: plan.id, scope: "plan" }), id: "families-link" }, t("familiesTitle")),
      ctx.plans.length > 1 && [" · ", h("a", { href: href("plans", "", { plan: undefined }), id: "plans-link" }, t("plansTitle"))],
    ),
    lineage,
    section(
      t("themes"),
      h("p", { class: "chips" }, themes.filter((x) => x.tasks > 0).map(themeLink)),
    ),
    section(
      t("chapters"),
      h(
        "ol",
        { class: "chapters" },
        chapters.map((chapter) =>
          h(
            "li",
            { value: chapter.number },
            h("h3", {}, `${chapter.numeral}、${titled(chapter)}`),
            h("ul", { class: "tasks" }, tasks.filter((x) => x.chapter === chapter.number).map((x) => h("li", {}, taskLink(x)))),
          ),
        ),
      ),
    ),
  );
}

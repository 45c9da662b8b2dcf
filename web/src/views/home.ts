// The plan at a glance: its title and counts, then every chapter with its tasks.
import { catalogue, type Ctx } from "../context";
import { h } from "../dom";
import { t, titled } from "../i18n";
import { href } from "../router";
import { page, section, taskLink, themeLink } from "./common";
import { lineageSection } from "./lineage";

export async function home(ctx: Ctx): Promise<HTMLElement> {
  const [{ tasks, chapters, themes }, lineage] = await Promise.all([catalogue(ctx.plan.id), lineageSection(ctx.plan)]);
  const plan = ctx.plan;
  return page(
    titled(plan),
    h(
      "p",
      { class: "lead-in" },
      `${plan.region} · ${plan.period_start ?? ""}–${plan.period_end ?? ""} · `,
      `${t("chapters")} ${plan.chapters} · ${t("tasks")} ${plan.tasks} · ${t("goals")} ${plan.goals} · `,
      h("a", { href: href("targets") }, `${t("targets")} ${plan.indicators}`),
      " · ",
      h("a", { href: href("duties"), id: "duties-link" }, t("duties")),
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

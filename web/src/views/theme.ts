// Themes: "which tasks touch remote islands" as a list with the sentence that shows it.
import { api, MAX_PAGE } from "../api";
import { catalogue, type Ctx } from "../context";
import { h } from "../dom";
import { named, t } from "../i18n";
import { href } from "../router";
import { evidence, page, score, section, taskLink, themeLink } from "./common";

export async function theme(ctx: Ctx): Promise<HTMLElement> {
  const [detail, tasks] = await Promise.all([
    api.theme(ctx.arg, { plan: ctx.plan.id }),
    api.themeTasks(ctx.arg, { plan: ctx.plan.id, limit: MAX_PAGE }),
  ]);
  return page(
    named(detail),
    // Its lexicon, Chinese and English terms as they are matched (not page words).
    h("p", { class: "muted terms" }, `${t("terms")}: ${detail.terms.join("、")}`),
    h("p", {}, h("a", { href: href("graph", "", { focus: detail.id }) }, t("showInGraph"))),
    section(
      `${t("tasks")} (${tasks.total})`,
      h(
        "ul",
        { class: "results", id: "theme-tasks" },
        tasks.items.map((x) =>
          h("li", { "data-task": x.number }, taskLink(x), score(x.score), h("span", { class: "muted" }, ` ${x.terms.join("、")}`), evidence(x.evidence)),
        ),
      ),
    ),
  );
}

export async function themes(ctx: Ctx): Promise<HTMLElement> {
  const { themes } = await catalogue(ctx.plan.id);
  return page(
    t("themes"),
    h(
      "ul",
      { class: "theme-list" },
      [...themes].sort((a, b) => b.tasks - a.tasks).map((x) => h("li", {}, themeLink(x), ` ${x.tasks}`)),
    ),
  );
}

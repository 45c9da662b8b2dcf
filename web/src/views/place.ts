// A place: what contains it and what it contains, its code, whether it is remote, and the
// tasks that name it with the sentence.
import { api, MAX_PAGE } from "../api";
import { catalogue, type Ctx } from "../context";
import { shown } from "../enums";
import { h } from "../dom";
import { named, t } from "../i18n";
import { href } from "../router";
import { dl, evidence, page, placeLink, section, taskLink } from "./common";

export async function place(ctx: Ctx): Promise<HTMLElement> {
  const includeParts = ctx.params.get("include_parts") === "true";
  const [detail, tasks] = await Promise.all([
    api.place(ctx.arg, { plan: ctx.plan.id }),
    api.placeTasks(ctx.arg, { plan: ctx.plan.id, include_parts: includeParts, limit: MAX_PAGE }),
  ]);
  const toggle = h("input", {
    type: "checkbox",
    id: "include-parts",
    checked: includeParts,
    onchange: (event: Event) => {
      location.hash = href("place", detail.id, { include_parts: (event.target as HTMLInputElement).checked ? "true" : undefined });
    },
  });
  return page(
    named(detail),
    dl([
      [t("name"), h("span", {}, `${detail.name} · `, h("span", { lang: "en" }, detail.name_en))],
      [t("kind"), shown("Place.kind", detail.kind)],
      [t("code"), detail.adcode ?? "—"],
      [t("remote"), detail.remote ? t("yes") : t("no")],
      [t("aliases"), detail.aliases.join("、") || "—"],
      [t("partOf"), h("span", { class: "chips" }, detail.parents.map(placeLink))],
      [t("contains"), detail.parts.length ? h("span", { class: "chips" }, detail.parts.map(placeLink)) : "—"],
    ]),
    h("p", {}, h("a", { href: href("graph", "", { focus: detail.id }) }, t("showInGraph"))),
    section(
      `${t("tasksNaming")} (${tasks.total})`,
      h("p", {}, toggle, " ", h("label", { for: "include-parts" }, t("includeParts"))),
      h(
        "ul",
        { class: "results", id: "place-tasks" },
        tasks.items.map((task) =>
          h(
            "li",
            { "data-task": task.number },
            taskLink(task),
            task.mentions.map((m) => [h("span", { class: "muted" }, ` ${named(m)} · ${m.surface}`), evidence(m.evidence)]),
          ),
        ),
      ),
    ),
  );
}

export async function places(ctx: Ctx): Promise<HTMLElement> {
  const { places } = await catalogue(ctx.plan.id);
  const named_ = places.filter((p) => p.tasks > 0).sort((a, b) => b.tasks - a.tasks);
  return page(
    t("places"),
    h(
      "table",
      { class: "table" },
      h("thead", {}, h("tr", {}, [t("name"), t("kind"), t("code"), t("remote"), t("tasks")].map((c) => h("th", { scope: "col" }, c)))),
      h(
        "tbody",
        {},
        named_.map((p) => h("tr", {}, h("td", {}, placeLink(p)), h("td", {}, shown("Place.kind", p.kind)), h("td", {}, p.adcode ?? "—"), h("td", {}, p.remote ? t("yes") : ""), h("td", { class: "num" }, p.tasks))),
      ),
    ),
  );
}

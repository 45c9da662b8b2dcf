// Pieces several views share: links to the things the graph holds, evidence quotes, badges.
import type { TaskRef } from "../api";
import { h } from "../dom";
import { named, t, titled } from "../i18n";
import { href } from "../router";

export function page(title: string, ...children: (Node | null | false)[]): HTMLElement {
  return h("article", { class: "view" }, h("h1", { tabindex: -1 }, title), ...children);
}

export function section(title: string, ...children: (Node | string | null | false)[]): HTMLElement {
  return h("section", {}, h("h2", {}, title), ...children);
}

export function taskLink(task: Pick<TaskRef, "number" | "title" | "title_en" | "plan">): HTMLElement {
  return h("a", { href: href("task", String(task.number)), class: "task-link" }, `${task.number}. ${titled(task)}`);
}

type Named = { id: string; name: string; name_en?: string | null };

export const placeLink = (p: Named) => h("a", { href: href("place", p.id), class: "chip chip-place" }, named(p));
export const agencyLink = (a: Named) => h("a", { href: href("agency", a.id), class: "chip chip-agency" }, named(a));
export const themeLink = (x: Named) => h("a", { href: href("theme", x.id), class: "chip chip-theme" }, named(x));

export function evidence(sentence: string): HTMLElement {
  return h("blockquote", { class: "evidence", lang: "zh-CN" }, sentence);
}

export function basis(link: { basis: "explicit" | "inferred"; role?: "lead" | "partner"; score: number }): HTMLElement {
  const text = link.basis === "explicit" ? t("explicit") : `${t("inferred")} · ${t("score")} ${link.score.toFixed(2)}`;
  return h(
    "span",
    { class: `badge badge-${link.basis}`, "data-basis": link.basis },
    link.role ? `${t(link.role)} · ${text}` : text,
  );
}

export function score(value: number): HTMLElement {
  return h("span", { class: "badge" }, `${t("score")} ${value.toFixed(2)}`);
}

export function dl(rows: [string, Node | string][]): HTMLElement {
  return h("dl", { class: "facts" }, rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

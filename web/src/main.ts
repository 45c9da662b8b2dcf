// The shell: header (search, navigation, plan switcher, language), then the view the URL
// names. Each navigation shows a loading line, then the view or a message saying what failed.
import { api, ApiError, type Plan } from "./api";
import type { Ctx } from "./context";
import { h } from "./dom";
import { lang, setLang, t, type Lang } from "./i18n";
import { go, href, parse } from "./router";
import { agencies, agency } from "./views/agency";
import { corrections } from "./views/corrections";
import { duties } from "./views/duties";
import { editSwitch } from "./views/edit-mode";
import { families, family } from "./views/families";
import { graph } from "./views/graph";
import { home } from "./views/home";
import { document_, documents, lineage } from "./views/lineage";
import { place, places } from "./views/place";
import { search } from "./views/search";
import { goal, quote } from "./views/sentence";
import { targets } from "./views/targets";
import { task } from "./views/task";
import { theme, themes } from "./views/theme";

type View = (ctx: Ctx) => Promise<HTMLElement>;
const VIEWS: Record<string, View> = {
  home, search, task, goal, quote, place, places, agency, agencies, theme, themes, targets, graph,
  lineage, documents, document: document_, families, family, duties,
  corrections,
};

const main = document.getElementById("main") as HTMLElement;
const header = document.getElementById("header") as HTMLElement;
const status = document.getElementById("status") as HTMLElement;
// The skip link focuses the content without changing the hash (which is the route); a
// listener here, not an inline handler, which the Content-Security-Policy refuses.
document.querySelector("a.skip")?.addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});
let plans: Plan[] = [];
let navigation = 0; // a slow answer for a page already left is dropped

function message(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 503) return `${t("unavailable")} (${error.message})`;
    if (error.status === 0) return `${t("noAnswer")} ${error.message}`;
    if (error.status === 404) return `${t("notFound")}: ${error.message}`;
    return `${error.status}: ${error.message}`;
  }
  return String(error);
}

function renderHeader(planId: string, query: string): void {
  const input = h("input", { type: "search", id: "q", name: "q", value: query, placeholder: t("searchHint"), autocomplete: "off" });
  const form = h(
    "form",
    {
      role: "search",
      class: "search",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const q = (input as HTMLInputElement).value.trim();
        if (q) go(href("search", "", { q }));
      },
    },
    h("label", { for: "q", class: "visually-hidden" }, t("searchLabel")),
    input,
    h("button", { type: "submit" }, t("search")),
  );
  const nav = h(
    "nav",
    { "aria-label": t("overview") },
    h("ul", {}, (["home", "targets", "families", "places", "agencies", "themes", "documents", "graph"] as const).map((v) => h("li", {}, h("a", { href: href(v), "data-view": v }, t(v))))),
  );
  const planSwitch =
    plans.length > 1 &&
    h(
      "label",
      { class: "plan-switch" },
      `${t("plan")} `,
      h(
        "select",
        { id: "plan", onchange: (e: Event) => go(href("home", "", { plan: (e.target as HTMLSelectElement).value })) },
        plans.map((p) => h("option", { value: p.id, selected: p.id === planId }, (lang() === "en" && p.title_en) || p.title)),
      ),
    );
  const other: Lang = lang() === "zh" ? "en" : "zh";
  const toggle = h(
    "button",
    {
      type: "button",
      id: "lang",
      lang: other === "en" ? "en" : "zh-CN",
      "aria-label": t("languageLabel"),
      onclick: () => {
        const route = parse();
        route.params.set("lang", other);
        go(`#/${location.hash.replace(/^#\/?/, "").split("?")[0]}?${route.params}`, true);
      },
    },
    t("language"),
  );
  header.replaceChildren(
    h("a", { href: href("home"), class: "brand" }, t("appName")),
    form,
    nav,
    h("div", { class: "tools" }, planSwitch, toggle, editSwitch(planId)),
  );
}

async function render(): Promise<void> {
  const mine = ++navigation;
  const route = parse();
  setLang(route.params.get("lang") === "en" ? "en" : "zh");
  document.title = t("appName");
  status.textContent = t("loading");
  status.hidden = false;
  main.setAttribute("aria-busy", "true");
  try {
    if (plans.length === 0) plans = (await api.plans()).items;
    const wanted = route.params.get("plan");
    const plan = plans.find((p) => p.id === wanted) ?? plans[0];
    if (!plan) throw new ApiError(404, "no plan is loaded");
    renderHeader(plan.id, route.view === "search" ? (route.params.get("q") ?? "") : "");
    const view = VIEWS[route.view];
    if (!view) throw new ApiError(404, route.view);
    const content = await view({ plan, plans, arg: route.arg, params: route.params });
    if (mine !== navigation) return;
    main.replaceChildren(content);
    content.dispatchEvent(new Event("mounted"));
    for (const link of header.querySelectorAll<HTMLAnchorElement>("nav a")) {
      if (link.dataset.view === route.view) link.setAttribute("aria-current", "page");
    }
    const heading = content.querySelector("h1");
    document.title = `${heading?.textContent ?? ""} · ${t("appName")}`;
    // Move focus to the new heading, so keyboard and screen-reader users land on the page.
    heading?.focus();
    status.hidden = true;
  } catch (error) {
    if (mine !== navigation) return;
    if (!header.hasChildNodes()) renderHeader(route.params.get("plan") ?? "", "");
    main.replaceChildren(
      h("div", { class: "error", role: "alert", id: "error" }, h("p", {}, message(error)), h("button", { type: "button", onclick: () => void render() }, t("retry"))),
    );
    status.hidden = true;
  } finally {
    if (mine === navigation) main.removeAttribute("aria-busy");
  }
}

window.addEventListener("hashchange", () => void render());
void render();

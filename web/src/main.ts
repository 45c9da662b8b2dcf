// The shell: header (search, navigation, plan switcher, language), then the view the URL
// names. Each navigation shows a loading line, then the view or a message saying what failed.
import { api, type Plan } from "./api";
import type { Ctx } from "./context";
import { h } from "./dom";
import { lang, setLang, t, type Lang } from "./i18n";
import { errorBox, explain, NoPlanLoaded, UnknownView } from "./errors";
import { CROSS_PLAN, chosenPlan, switchedTo, UnknownPlan } from "./plans";
import { go, href, parse } from "./router";
import { navigating, settle } from "./scroll";
import { agencies, agency } from "./views/agency";
import { corrections } from "./views/corrections";
import { duties } from "./views/duties";
import { editSwitch } from "./views/edit-mode";
import { families, family } from "./views/families";
import { graph } from "./views/graph";
import { home } from "./views/home";
import { document_, documents, lineage } from "./views/lineage";
import { place, places } from "./views/place";
import { plans as plansView } from "./views/plans";
import { search } from "./views/search";
import { goal, quote } from "./views/sentence";
import { table } from "./views/tables";
import { targets } from "./views/targets";
import { task } from "./views/task";
import { theme, themes } from "./views/theme";

type View = (ctx: Ctx) => Promise<HTMLElement>;
const VIEWS: Record<string, View> = {
  home, search, task, goal, quote, place, places, agency, agencies, theme, themes, targets, graph,
  lineage, documents, document: document_, families, family, duties, plans: plansView, table,
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
    h("ul", {}, (["plans", "home", "targets", "families", "places", "agencies", "themes", "table", "documents", "graph"] as const).map((v) => h("li", {}, h("a", { href: v === "plans" ? href(v, "", { plan: undefined }) : href(v), "data-view": v }, t(v === "plans" ? "plansNav" : v))))),
  );
  const planSwitch =
    plans.length > 1 &&
    h(
      "label",
      { class: "plan-switch" },
      `${t("plan")} `,
      h(
        "select",
        // The same view and filters in the chosen plan, where they apply (plans.ts).
        { id: "plan", onchange: (e: Event) => go(switchedTo(parse(), (e.target as HTMLSelectElement).value)) },
        !planId && h("option", { value: "", selected: true, disabled: true }, t("choosePlan")),
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
        // A history entry of its own: Back returns to the other language, where the reader was.
        go(`#/${location.hash.replace(/^#\/?/, "").split("?")[0]}?${route.params}`);
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
  navigating();
  setLang(route.params.get("lang") === "en" ? "en" : "zh");
  document.title = t("appName");
  status.textContent = t("loading");
  status.hidden = false;
  main.setAttribute("aria-busy", "true");
  try {
    if (plans.length === 0) plans = (await api.plans()).items;
    if (plans.length === 0) throw new NoPlanLoaded();
    const plan = chosenPlan(plans, route);
    renderHeader(plan?.id ?? "", route.view === "search" ? (route.params.get("q") ?? "") : "");
    // Several plans and none named: a view of one plan asks which (the plans page).
    let { view: name, params } = route;
    if (!plan && !CROSS_PLAN.has(name)) {
      params = new URLSearchParams(params);
      if (name !== "home") params.set("for", name);
      if (route.arg) params.set("arg", route.arg);
      name = "plans";
    }
    const view = VIEWS[name];
    if (!view) throw new UnknownView();
    const content = await view({ plan: plan ?? plans[0], chosen: plan !== null, plans, arg: route.arg, params });
    if (mine !== navigation) return;
    // On paper, the plan and the page's link head the sheet (cite.css shows it in print only).
    content.prepend(h("p", { class: "print-source" }, plan ? `《${plan.title}》 · ` : "", `${t("printedFrom")} ${location.href}`));
    main.replaceChildren(content);
    content.dispatchEvent(new Event("mounted"));
    for (const link of header.querySelectorAll<HTMLAnchorElement>("nav a")) {
      if (link.dataset.view === name) link.setAttribute("aria-current", "page");
    }
    const heading = content.querySelector("h1");
    document.title = `${heading?.textContent ?? ""} · ${t("appName")}`;
    // Move focus to the new heading, so keyboard and screen-reader users land on the page.
    // (without scrolling: settle() puts the view where the reader left it, or at the top)
    heading?.focus({ preventScroll: true });
    status.hidden = true;
    settle();
  } catch (error) {
    if (mine !== navigation) return;
    if (error instanceof UnknownPlan) {
      // Said, not papered over with another plan; retrying cannot help, the plans page can.
      renderHeader("", "");
      main.replaceChildren(
        h("div", { class: "error", role: "alert", id: "error" }, h("p", {}, t("unknownPlan", { id: error.id })), h("a", { href: `#/plans${lang() === "en" ? "?lang=en" : ""}` }, t("seePlans"))),
      );
      status.hidden = true;
      return;
    }
    if (!header.hasChildNodes()) renderHeader(route.params.get("plan") ?? "", "");
    main.replaceChildren(errorBox(explain(error, route), () => void render()));
    document.title = `${t("errTitle")} · ${t("appName")}`;
    status.hidden = true;
    settle();
  } finally {
    if (mine === navigation) main.removeAttribute("aria-busy");
  }
}

window.addEventListener("hashchange", () => void render());
void render();

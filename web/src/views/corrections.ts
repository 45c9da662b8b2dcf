// A plan's review list (#/corrections): every correction, newest first, with who, when,
// why, the fact as it was and as it is after, its status and a link to the fact; in edit
// mode, a withdraw button (the correction stays in the list, withdrawn).
import { api, MAX_PAGE, type Indicator } from "../api";
import { all, catalogue, type Catalogue, type Ctx } from "../context";
import { h } from "../dom";
import { corrections as writes, mayEdit, type Correction } from "../editor";
import { gloss, named, t, titled, type Word } from "../i18n";
import { href } from "../router";
import { gap, page, pager, taskNumber } from "./common";
import { targetNumber } from "./edit";
import { alertLine, problemWords, rerender, say } from "./edit-mode";

const PAGE = 50;

const ACTION_WORDS: Record<Correction["action"], Word> = {
  confirm: "corrDoConfirm",
  reject: "corrDoReject",
  add: "corrDoAdd",
  correct: "corrDoCorrect",
};
const STATUS_WORDS: Record<Correction["status"], Word> = {
  applied: "corrApplied",
  stale: "corrStale",
  withdrawn: "corrWithdrawnStatus",
};

function entityName(cat: Catalogue, fact: Correction["fact"]): string {
  const found =
    fact.kind === "place" ? cat.places.find((p) => p.id === fact.place)
    : fact.kind === "agency" ? cat.agencies.find((a) => a.id === fact.agency)
    : fact.kind === "theme" ? cat.themes.find((x) => x.id === fact.theme)
    : undefined;
  const id = fact.kind === "place" ? fact.place : fact.kind === "agency" ? fact.agency : fact.kind === "theme" ? fact.theme : "";
  return found ? named(found) : String(id);
}

/** The fact in words, linking to where it is shown: its task (or goal). */
function factCell(cat: Catalogue, targets: Map<string, Indicator>, c: Correction): HTMLElement {
  const fact = c.fact;
  if (fact.kind === "target") {
    const target = targets.get(String(fact.indicator));
    const where = target?.scope === "task" ? href("task", String(target.scope_number)) : target?.scope === "goal" ? href("goal", String(target.scope_number)) : href("targets");
    return h("td", {}, `${t("corrTarget")} `, h("a", { href: where, class: "corr-fact" }, target ? target.name : String(fact.indicator)));
  }
  const task = fact.kind === "place" && fact.task == null ? null : (fact as { task?: number }).task;
  const where = task != null ? href("task", String(task)) : href("goal", String((fact as { goal?: number }).goal ?? ""));
  const title = task != null ? cat.tasks.find((x) => x.number === task) : undefined;
  const kindWord = t(fact.kind === "place" ? "corrPlace" : fact.kind === "agency" ? "corrAgency" : "corrTheme");
  return h(
    "td",
    {},
    `${kindWord} `,
    h("strong", {}, entityName(cat, fact)),
    fact.kind === "agency" ? ` (${t(fact.role)})` : "",
    " · ",
    h("a", { href: where, class: "corr-fact" }, task != null ? (title ? `${taskNumber(title)}${gap(taskNumber(title))}${titled(title)}` : t("task", { n: task })) : t("goal", { n: (fact as { goal?: number }).goal ?? "" })),
  );
}

// What a reader needs of a fact's state, in the page's words; the rest (offsets, clause
// words) stays in the API.
const SHOWN: [string, Word][] = [
  ["role", "role"], ["basis", "corrBasis"], ["surface", "corrSurface"], ["terms", "terms"], ["score", "score"],
  ["comparator", "corrComparator"], ["value", "value"], ["value_max", "corrValueMax"], ["unit", "unit"], ["year", "year"], ["kind", "kind"],
];
const WORDED: Record<string, Word> = { lead: "lead", partner: "partner", explicit: "explicit", inferred: "inferred", reviewed: "reviewed" };

function shownValue(key: string, value: unknown): string {
  if (Array.isArray(value)) return value.join("、");
  if (typeof value === "number" && key === "score") return value.toFixed(2);
  if (typeof value === "string" && WORDED[value] && (key === "role" || key === "basis")) return t(WORDED[value]);
  if (typeof value === "string" && key === "kind") return gloss(value);
  return String(value);
}

/** A fact's state as short `field: value` lines and its sentence; nothing (no link) as —. */
function state(value: Record<string, unknown> | null): HTMLElement {
  if (!value || Object.keys(value).length === 0) return h("td", { class: "muted" }, t("corrNothing"));
  const shown = SHOWN.filter(([k]) => value[k] !== undefined && value[k] !== null && value[k] !== "");
  const sentence = typeof value.evidence === "string" ? value.evidence : "";
  return h(
    "td",
    { class: "corr-state" },
    h("ul", {}, shown.map(([k, word]) => h("li", { "data-field": k }, `${t(word)}: ${shownValue(k, value[k])}`))),
    sentence && h("q", { lang: "zh-CN", title: sentence, class: "corr-sentence" }, sentence.length > 60 ? `${sentence.slice(0, 60)}…` : sentence),
  );
}

function withdrawButton(ctx: Ctx, c: Correction, line: HTMLElement): HTMLElement | false {
  return (
    mayEdit(ctx.plan.id) &&
    c.status !== "withdrawn" &&
    h(
      "button",
      {
        type: "button",
        class: "corr-withdraw",
        onclick: async () => {
          say(line, "");
          try {
            await writes.withdraw(ctx.plan.id, c.id);
            rerender();
          } catch (error) {
            say(line, problemWords(error));
          }
        },
      },
      t("corrWithdraw"),
    )
  );
}

/** All, or only the applied, stale or withdrawn ones (the API's `status`), in the URL. */
function statusFilter(status: Correction["status"] | undefined): HTMLElement {
  const choices: [Correction["status"] | undefined, Word][] = [[undefined, "all"], ...Object.entries(STATUS_WORDS) as [Correction["status"], Word][]];
  return h(
    "p",
    { class: "corr-filter", id: "corrections-filter" },
    `${t("corrStatus")}: `,
    choices.map(([value, word], i) => [
      i > 0 && " · ",
      h("a", { href: href("corrections", "", { status: value, offset: undefined }), "aria-current": value === status ? "true" : null, "data-status": value ?? "" }, t(word)),
    ]),
  );
}

export async function corrections(ctx: Ctx): Promise<HTMLElement> {
  const offset = Math.max(0, Number(ctx.params.get("offset") ?? 0) || 0);
  const wanted = ctx.params.get("status");
  const status = (Object.keys(STATUS_WORDS) as Correction["status"][]).find((s) => s === wanted);
  const [got, cat] = await Promise.all([writes.list(ctx.plan.id, { limit: PAGE, offset, status }), catalogue(ctx.plan.id)]);
  // The targets' names and tasks, only when a correction on this page is about a target.
  const targets = new Map<string, Indicator>();
  if (got.items.some((c) => c.fact.kind === "target")) {
    for (const x of await all((at) => api.indicators({ plan: ctx.plan.id, limit: MAX_PAGE, offset: at }))) targets.set(String(targetNumber(x.id)), x);
  }
  const line = alertLine("corrections-error");
  const headings: Word[] = ["corrWhen", "corrWho", "corrAction", "corrFact", "corrBefore", "corrAfter", "corrWhy", "corrStatus"];
  return page(
    t("corrListOf", { plan: titled(ctx.plan) }),
    line,
    statusFilter(status),
    got.total === 0
      ? h("p", { id: "corrections-none" }, t("corrNone"))
      : h(
          "table",
          { class: "corr-table", id: "corrections-table" },
          h("thead", {}, h("tr", {}, h("th", {}, "#"), headings.map((w) => h("th", { scope: "col" }, t(w))), h("th", {}, ""))),
          h(
            "tbody",
            {},
            got.items.map((c) =>
              h(
                "tr",
                { "data-id": String(c.id), "data-status": c.status, "data-action": c.action, class: `corr-${c.status}` },
                h("td", {}, String(c.id)),
                h("td", {}, h("time", { datetime: c.when }, new Date(c.when).toLocaleString(document.documentElement.lang))),
                h("td", {}, c.who),
                h("td", {}, t(ACTION_WORDS[c.action] ?? "corrDoCorrect")),
                factCell(cat, targets, c),
                state(c.before),
                state(c.after),
                h("td", {}, c.why),
                h("td", {}, h("span", { class: `badge badge-${c.status}` }, t(STATUS_WORDS[c.status] ?? "corrApplied"))),
                h("td", {}, withdrawButton(ctx, c, line)),
              ),
            ),
          ),
        ),
    pager("corrections", "", { status }, got),
  );
}

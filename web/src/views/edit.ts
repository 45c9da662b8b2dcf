// A task in edit mode: confirm or reject each of its links (places, agencies as lead or
// partner, themes) and targets, add a link the reading missed (the entity picked from the
// plan's catalogue, its words selected in the task's text) and correct a target's fields.
// Each write asks for a reason; after it the view is shown again, fresh from the API.
import type { Indicator, Schemas, TaskDetail } from "../api";
import { catalogue, type Ctx } from "../context";
import { h } from "../dom";
import { corrections, mayEdit, type Action, type Fact, type TargetFields } from "../editor";
import { gloss, named, t } from "../i18n";
import { alertLine, problemWords, rerender, say } from "./edit-mode";

type Span = { start: number; end: number };

/** A target's number in its plan, which names it in a correction (its id ends -indicator-N). */
export function targetNumber(id: string): number {
  return Number(/-indicator-(\d+)$/.exec(id)?.[1] ?? Number.NaN);
}
type Reviewed = { basis?: string; correction?: number | string | null };

/** What the panel edits: a task's links and targets, or a goal's places and targets (a
 * goal has no agencies or themes). `gaps` as TaskDetail has them ([] for a goal). */
type Scope = {
  of: "task" | "goal";
  number: number;
  span: Span;
  gaps: number[];
  places: TaskDetail["places"];
  agencies: TaskDetail["agencies"];
  themes: TaskDetail["themes"];
  indicators: Indicator[];
};

// A line saying what the last write did, shown once by the next rendering of the task.
let flash = "";

/** The plan offset of the task text's character `at`: the task's start, plus the plan
 * characters the text leaves out (`gaps`, sorted plan offsets) up to there. */
export function planOffset(start: number, gaps: number[], at: number): number {
  let offset = start + at;
  for (const gap of gaps) {
    if (gap <= offset) offset += 1;
    else break;
  }
  return offset;
}

/** The selection inside the task's text, in plan offsets, or null when it lies elsewhere. */
function selectedSpan(detail: Scope): { span: Span; words: string } | null {
  const text = document.getElementById("task-text");
  const selection = document.getSelection();
  if (!text || !selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.setStart(text, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const from = before.toString().length;
  const words = range.toString();
  if (!words.trim()) return null;
  const span = {
    start: planOffset(detail.span.start, detail.gaps, from),
    end: planOffset(detail.span.start, detail.gaps, from + words.length - 1) + 1,
  };
  return { span, words };
}

function reviewedBadge(link: Reviewed): HTMLElement | false {
  return link.basis === "reviewed" && h("span", { class: "badge badge-reviewed", "data-correction": String(link.correction ?? "") }, `${t("corrReviewed")} #${link.correction ?? ""}`);
}

/** Sends one correction; on success re-renders the view, else says why in `line`. */
async function send(ctx: Ctx, line: HTMLElement, body: Parameters<typeof corrections.write>[1]): Promise<void> {
  say(line, "");
  if (!body.why.trim()) {
    say(line, t("corrWhyNeeded"));
    return;
  }
  try {
    const made = await corrections.write(ctx.plan.id, body);
    flash = t("corrSaved", { id: made.id });
    rerender();
  } catch (error) {
    say(line, problemWords(error));
  }
}

function whyInput(id: string): HTMLInputElement {
  return h("input", { type: "text", name: "why", id, class: "corr-why", placeholder: t("corrWhyHint"), required: true, size: 40 }) as HTMLInputElement;
}

/** Confirm and reject for one link (a target is only confirmed here; its fields are
 * corrected in its form): a click opens a line asking why, then sends. */
function verdicts(ctx: Ctx, fact: Fact, slug: string, what: string): HTMLElement {
  const actions: ("confirm" | "reject")[] = fact.kind === "target" ? ["confirm"] : ["confirm", "reject"];
  const box = h("span", { class: "corr-verdicts" });
  const open = (action: Action) => {
    const why = whyInput(`why-${slug}`);
    const line = alertLine(`error-${slug}`);
    const form = h(
      "form",
      { class: "corr-inline", "data-action": action, onsubmit: (e: Event) => { e.preventDefault(); void send(ctx, line, { action, fact, why: why.value.trim() }); } },
      h("label", { for: why.id }, t("corrWhy"), " "),
      why,
      h("button", { type: "submit", class: `corr-${action}` }, t(action === "confirm" ? "corrConfirm" : "corrReject")),
      h("button", { type: "button", onclick: () => form.replaceWith(buttons()) }, t("corrCancel")),
      line,
    );
    box.replaceChildren(form);
    why.focus();
  };
  const buttons = () =>
    h(
      "span",
      {},
      actions.map((action) =>
        h(
          "button",
          // Every row has the same two buttons: their names say which link they act on.
          { type: "button", class: `corr-${action}`, "data-action": action, "aria-label": `${t(action === "confirm" ? "corrConfirm" : "corrReject")}: ${what}`, onclick: () => open(action) },
          t(action === "confirm" ? "corrConfirm" : "corrReject"),
        ),
      ),
    );
  box.append(buttons());
  return box;
}

function row(kind: string, fact: Fact, slug: string, label: (Node | string | false)[], ctx: Ctx, more: (Node | false)[] = []): HTMLElement {
  const shown = h("span", { class: "corr-label" }, ...label);
  return h("li", { class: "corr-row", id: `edit-${slug}`, "data-kind": kind }, shown, " ", verdicts(ctx, fact, slug, shown.textContent ?? ""), ...more);
}

function numberField(name: string, value: number | null | undefined): HTMLInputElement {
  return h("input", { type: "text", inputmode: "decimal", name, value: value ?? "", size: 8 }) as HTMLInputElement;
}

type Comparator = NonNullable<TargetFields["comparator"]>;
type Kind = NonNullable<TargetFields["kind"]>;
const COMPARATORS: Comparator[] = [">=", "<=", ">", "<", "=", "~"];
const KINDS: Kind[] = ["level", "increment", "cumulative"];

/** The target's fields as a form; only the fields changed are sent. */
function targetForm(ctx: Ctx, x: Indicator): HTMLElement {
  const slug = `target-${x.id}`;
  const value = numberField("value", x.value);
  const valueMax = numberField("value_max", x.value_max);
  const unit = h("input", { type: "text", name: "unit", value: x.unit, size: 6 }) as HTMLInputElement;
  const comparator = h("select", { name: "comparator" }, COMPARATORS.map((c) => h("option", { value: c, selected: c === x.comparator }, c))) as HTMLSelectElement;
  const year = numberField("year", x.year);
  const kind = h("select", { name: "kind" }, KINDS.map((k) => h("option", { value: k, selected: k === x.kind }, gloss(k)))) as HTMLSelectElement;
  const why = whyInput(`why-${slug}-fields`);
  const line = alertLine(`error-${slug}-fields`);
  const labelled = (word: string, input: HTMLElement) => h("label", {}, `${word} `, input);
  const submit = (event: Event) => {
    event.preventDefault();
    say(line, "");
    const fields: TargetFields = {};
    const numbers: [string, HTMLInputElement, number | null | undefined, "value" | "value_max" | "year"][] = [
      [t("value"), value, x.value, "value"],
      [t("corrValueMax"), valueMax, x.value_max, "value_max"],
      [t("year"), year, x.year, "year"],
    ];
    for (const [word, input, was, field] of numbers) {
      const text = input.value.trim();
      const now = text === "" ? null : Number(text);
      if (now !== null && !Number.isFinite(now)) return say(line, t("corrNotNumber", { field: word }));
      if (now === (was ?? null)) continue;
      if (field === "value") {
        if (now === null) return say(line, t("corrNotNumber", { field: word }));
        fields.value = now;
      } else fields[field] = now;
    }
    if (unit.value.trim() !== x.unit) fields.unit = unit.value.trim();
    if (comparator.value !== x.comparator) fields.comparator = comparator.value as Comparator;
    if (kind.value !== x.kind) fields.kind = kind.value as Kind;
    if (Object.keys(fields).length === 0) return say(line, t("corrUnchanged"));
    void send(ctx, line, { action: "correct", fact: { kind: "target", indicator: targetNumber(x.id), fields }, why: why.value.trim() });
  };
  return h(
    "details",
    { class: "corr-target", id: `edit-${slug}-fields` },
    h("summary", {}, t("corrTargetForm", { name: x.name })),
    h(
      "form",
      { class: "corr-fields", onsubmit: submit },
      labelled(t("value"), value),
      labelled(t("corrValueMax"), valueMax),
      labelled(t("unit"), unit),
      labelled(t("corrComparator"), comparator),
      labelled(t("year"), year),
      labelled(t("kind"), kind),
      h("label", { for: why.id }, t("corrWhy"), " "),
      why,
      h("button", { type: "submit" }, t("corrCorrect")),
      line,
    ),
  );
}

type Pick = { kind: "place" | "agency" | "theme"; id: string; name: string };

/** Add a link: kind, the entity from the plan's catalogue, the words selected in the text. */
async function addForm(ctx: Ctx, detail: Scope): Promise<HTMLElement> {
  const cat = await catalogue(ctx.plan.id);
  const options: Record<Pick["kind"], { id: string; name: string; name_en?: string | null }[]> = {
    place: cat.places,
    agency: cat.agencies,
    theme: cat.themes,
  };
  const kinds = detail.of === "task" ? (["place", "agency", "theme"] as const) : (["place"] as const);
  const kind = h("select", { name: "kind", id: "add-kind" }, kinds.map((k) => h("option", { value: k }, t(k === "place" ? "corrPlace" : k === "agency" ? "corrAgency" : "corrTheme")))) as HTMLSelectElement;
  const entity = h("select", { name: "entity", id: "add-entity" }) as HTMLSelectElement;
  const role = h("select", { name: "role", id: "add-role" }, h("option", { value: "lead" }, t("lead")), h("option", { value: "partner" }, t("partner"))) as HTMLSelectElement;
  const roleLabel = h("label", {}, `${t("role")} `, role);
  const fill = () => {
    entity.replaceChildren(...options[kind.value as Pick["kind"]].map((e) => h("option", { value: e.id }, named(e))));
    roleLabel.hidden = kind.value !== "agency";
  };
  kind.addEventListener("change", fill);
  fill();
  let chosen: { span: Span; words: string } | null = null;
  const shown = h("q", { id: "add-span", lang: "zh-CN" }, t("corrSpanNone"));
  const why = whyInput("why-add");
  const line = alertLine("error-add");
  const form = h(
    "form",
    {
      class: "corr-add",
      id: "add-form",
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!chosen) return say(line, t("corrSpanHint"));
        const id = entity.value;
        const fact: Fact =
          kind.value === "place"
            ? { kind: "place", [detail.of]: detail.number, place: id }
            : kind.value === "agency"
              ? { kind: "agency", task: detail.number, agency: id, role: role.value as "lead" | "partner" }
              : { kind: "theme", task: detail.number, theme: id };
        void send(ctx, line, { action: "add", fact, span: chosen.span, why: why.value.trim() });
      },
    },
    h("h3", {}, t("corrAdd")),
    h("label", {}, `${t("corrKind")} `, kind),
    " ",
    h("label", {}, `${t("corrEntity")} `, entity),
    " ",
    roleLabel,
    h("p", {}, `${t("corrSpan")}: `, shown),
    h("label", { for: why.id }, t("corrWhy"), " "),
    why,
    h("button", { type: "submit" }, t("corrAddButton")),
    line,
  );
  // The selection is kept while the editor moves to the form (which would collapse it).
  // The form lies below the text and its links: a bar at the foot of the window says what
  // is selected and leads to the form.
  const bar = h(
    "div",
    { class: "corr-selection", id: "selection-bar", hidden: true },
    h("q", { lang: "zh-CN" }),
    " ",
    h("button", { type: "button", onclick: () => { bar.hidden = true; form.scrollIntoView({ block: "center" }); entity.focus(); } }, `${t("corrAdd")} ↓`),
  );
  form.append(bar);
  let mounted = false;
  const watch = () => {
    // Once the view is left, the form is gone and so is the listener.
    if (form.isConnected) mounted = true;
    else if (mounted) return document.removeEventListener("selectionchange", watch);
    const found = selectedSpan(detail);
    if (!found) return;
    chosen = found;
    shown.textContent = found.words;
    shown.dataset.start = String(found.span.start);
    shown.dataset.end = String(found.span.end);
    (bar.firstChild as HTMLElement).textContent = found.words.length > 40 ? `${found.words.slice(0, 40)}…` : found.words;
    bar.hidden = false;
  };
  document.addEventListener("selectionchange", watch);
  return form;
}

/** The task's edit panel in edit mode for this plan, else nothing (one call in task.ts). */
export function editControls(detail: TaskDetail, ctx: Ctx): Promise<HTMLElement | null> {
  return panel({ ...detail, of: "task" }, ctx);
}

/** The goal's: its places and targets (one call in sentence.ts). */
export function goalEditControls(detail: Schemas["GoalDetail"], ctx: Ctx): Promise<HTMLElement | null> {
  return panel({ ...detail, of: "goal", gaps: [], agencies: [], themes: [] }, ctx);
}

async function panel(detail: Scope, ctx: Ctx): Promise<HTMLElement | null> {
  if (!mayEdit(ctx.plan.id)) return null;
  const scope = { [detail.of]: detail.number } as { task: number } | { goal: number };
  const task = detail.number;
  const said = flash;
  flash = "";
  const rows = [
    ...detail.places.map((x) => row("place", { kind: "place", ...scope, place: x.id }, `place-${x.id}`, [t("corrPlace"), " ", h("strong", {}, named(x)), ` ${x.surface}`, reviewedBadge(x as Reviewed)], ctx)),
    ...detail.agencies.map((x) => row("agency", { kind: "agency", task, agency: x.id, role: x.role }, `agency-${x.role}-${x.id}`, [t("corrAgency"), " ", h("strong", {}, named(x)), ` ${t(x.role)}`, reviewedBadge(x as Reviewed)], ctx)),
    ...detail.themes.map((x) => row("theme", { kind: "theme", task, theme: x.id }, `theme-${x.id}`, [t("corrTheme"), " ", h("strong", {}, named(x)), reviewedBadge(x as Reviewed)], ctx)),
    ...detail.indicators.map((x) => row("target", { kind: "target", indicator: targetNumber(x.id) }, `target-${x.id}`, [t("corrTarget"), " ", h("strong", {}, `${x.name} ${x.comparator} ${x.value}${x.value_max != null ? `~${x.value_max}` : ""}${x.unit}${x.year ? ` (${x.year})` : ""}`), reviewedBadge(x as Reviewed)], ctx, [targetForm(ctx, x)])),
  ];
  const heading = detail.of === "task" ? "corrPanel" : "corrPanelGoal";
  const saidLine = said && h("p", { class: "corr-flash", role: "status", id: "edit-flash" }, said);
  // After a write the view is shown again from the top: bring what the write did into view
  // (once the shell has focused the heading, which scrolls up).
  if (saidLine) setTimeout(() => saidLine.scrollIntoView({ block: "center" }));
  return h(
    "section",
    { class: "edit-panel", id: "edit-panel", "aria-label": t(heading) },
    h("h2", {}, t(heading)),
    saidLine,
    h("p", { class: "muted" }, t("corrPanelHelp")),
    h("ul", { class: "corr-rows" }, rows),
    await addForm(ctx, detail),
  );
}

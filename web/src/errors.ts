// What went wrong, in a sentence a planner understands, and what can be done about it:
// Retry where trying again can help (the store is down, no answer, a server error), a way
// back where it cannot (a task that does not exist, an address that makes no sense).
import { ApiError } from "./api";
import { h } from "./dom";
import { t } from "./i18n";
import { href, type Route } from "./router";

/** `detail`: the API's own words, kept (small) for whoever runs the server, only where
 * the fault is the server's: a planner cannot act on "Neo4j at bolt://…", an operator can. */
export type Explained = { sentence: string; retry: boolean; detail?: string };

/** The route names no view of the page. */
export class UnknownView extends Error {}
/** The API answered, with no plan at all. */
export class NoPlanLoaded extends Error {}

/** A problem+json 422's first complaint, as api/problems.py words it:
 * "path.number: Input should be a valid integer … (got 'abc')". */
function complaint(detail: string): { field: string; rule: string; got: string | null } | null {
  const found = /^(?:path\.|body\.)?([\w.]+): (.*?)(?: \(got '?(.*?)'?\))?(?:; |$)/.exec(detail);
  return found ? { field: found[1], rule: found[2], got: found[3] ?? null } : null;
}

/** The address's parameters by the words the page already uses for them. */
const FIELDS: Record<string, Parameters<typeof t>[0]> = {
  depth: "depth",
  focus: "focus",
  plan: "plan",
  year: "year",
  unit: "unit",
  kind: "kind",
  offset: "errOffset",
  limit: "errLimit",
  q: "errQuery",
};

const NOT_FOUND: Record<string, Parameters<typeof t>[0]> = {
  place: "errNoPlace",
  agency: "errNoAgency",
  duties: "errNoAgency", // #/duties/<agency>: one agency's responsibility table
  theme: "errNoTheme",
  document: "errNoDocument",
  family: "errNoFamily",
};

function notFound(route: Route): string {
  if (route.view === "task") return t("errNoTask", { n: route.arg });
  if (route.view === "goal") return t("errNoGoal", { n: route.arg });
  const word = NOT_FOUND[route.view];
  return word ? t(word, { id: route.arg }) : t("errMissing");
}

function invalid(route: Route, detail: string): string {
  const said = complaint(detail);
  if (!said) return t("errBadRequest");
  if (said.field === "number" && (route.view === "task" || route.view === "goal")) {
    return t("errNotNumber", { got: route.arg, what: t(route.view === "task" ? "errWhatTask" : "errWhatGoal") });
  }
  // Inside a sentence: "depth", not the heading word "Depth" (Chinese has no case).
  const field = FIELDS[said.field] ? t(FIELDS[said.field]).toLowerCase() : said.field;
  const most = /less than or equal to (\d+)/.exec(said.rule);
  if (most && said.got !== null) return t("errAtMost", { field, got: said.got, n: most[1] });
  const least = /greater than or equal to (\d+)/.exec(said.rule);
  if (least && said.got !== null) return t("errAtLeast", { field, got: said.got, n: least[1] });
  return said.got !== null ? t("errBadValue", { field, got: said.got }) : t("errBadValueBare", { field });
}

export function explain(error: unknown, route: Route): Explained {
  if (error instanceof UnknownView) return { sentence: t("errNoView", { id: route.view }), retry: false };
  if (error instanceof NoPlanLoaded) return { sentence: t("errNoPlanLoaded"), retry: true };
  if (!(error instanceof ApiError)) return { sentence: t("errPageError", { what: String(error) }), retry: true };
  if (error.status === 0) return { sentence: t("noAnswer"), retry: true, detail: error.message };
  if (error.status === 503) return { sentence: t("unavailable"), retry: true, detail: error.message };
  if (error.status >= 500) return { sentence: t("errServerError"), retry: true, detail: error.message };
  if (error.status === 404) return { sentence: notFound(route), retry: false };
  if (error.status === 422) return { sentence: invalid(route, error.message), retry: false };
  return { sentence: t("errBadRequest"), retry: false };
}

/** The error box: the sentence, then Retry or the ways back. */
export function errorBox(explained: Explained, retry: () => void): HTMLElement {
  const actions = explained.retry
    ? [h("button", { type: "button", id: "retry", onclick: () => retry() }, t("retry"))]
    : [
        h("a", { href: href("home"), id: "go-home", class: "button" }, t("errGoHome")),
        " ",
        history.length > 1 && h("button", { type: "button", id: "go-back", onclick: () => history.back() }, t("errGoBack")),
      ];
  return h(
    "div",
    { class: "error", role: "alert", id: "error" },
    h("p", {}, explained.sentence),
    explained.detail && h("p", { class: "error-detail", lang: "en" }, explained.detail),
    h("p", { class: "error-actions" }, actions),
  );
}

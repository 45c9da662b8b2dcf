// The page's only way to the data: the public REST API, typed by the types that
// openapi-typescript generates from /openapi.json at build time (api-types.ts).
import type { components, operations } from "./api-types";

export type Schemas = components["schemas"];
export type Plan = Schemas["PlanOut"];
export type TaskRef = Schemas["TaskRef"];
export type TaskDetail = Schemas["TaskDetail"];
export type SearchPage = Schemas["SearchPage"];
export type PlaceOut = Schemas["PlaceOut"];
export type PlaceDetail = Schemas["PlaceDetail"];
export type PlaceTask = Schemas["PlaceTask"];
export type AgencyOut = Schemas["AgencyOut"];
export type AgencyTask = Schemas["AgencyTask"];
export type ThemeOut = Schemas["ThemeOut"];
export type ThemeTask = Schemas["ThemeTask"];
export type Indicator = Schemas["IndicatorOut"];
export type ChapterOut = Schemas["ChapterOut"];
export type GoalRef = Schemas["GoalRef"];
export type GraphOut = Schemas["GraphOut"];
export type Problem = Schemas["Problem"];
export type Citation = Schemas["Citation"];
export type CitingPlan = Schemas["CitingPlan"];
export type DocumentOut = Schemas["DocumentOut"];
export type DocumentDetail = Schemas["DocumentDetail"];
export type FamilyOut = Schemas["FamilyOut"];
export type FamilyTarget = Schemas["FamilyTarget"];
export type ResponsibilityRow = Schemas["ResponsibilityRow"];
export type Duty = Schemas["Duty"];
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };
export type TableKind = "tasks" | "places" | "agencies" | "targets";
export type TableRows = {
  tasks: Schemas["TaskTableRow"];
  places: Schemas["PlaceTableRow"];
  agencies: Schemas["AgencyTableRow"];
  targets: Schemas["TargetTableRow"];
};
export type FacetValue = Schemas["FacetValue"];
export type TablePage<K extends TableKind> = Page<TableRows[K]> & { facets: Record<string, FacetValue[]> };

type Query<Op extends keyof operations> = operations[Op]["parameters"] extends { query?: infer Q }
  ? NonNullable<Q>
  : never;

/** What went wrong, in words a planner can act on; `status` 0 is "no answer at all". */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_PAGE = 500; // the API's largest `limit`

function url(path: string, query: Record<string, unknown> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, String(one));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

// After a correction the data changed: for as long as the browser may keep an answer
// (Cache-Control max-age=60), every read asks the server again (its ETag says if it changed).
let revalidateUntil = 0;
export function revalidate(): void {
  revalidateUntil = Date.now() + 60_000;
}

async function get<T>(path: string, query: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    const cache: RequestCache = Date.now() < revalidateUntil ? "no-cache" : "default";
    response = await fetch(url(path, query), { headers: { Accept: "application/json" }, cache });
  } catch (error) {
    throw new ApiError(0, `the API did not answer (${(error as Error).message})`);
  }
  if (response.ok) return (await response.json()) as T;
  let detail = response.statusText;
  try {
    detail = ((await response.json()) as Problem).detail ?? detail;
  } catch {
    // not problem+json (a proxy's error page): keep the status text
  }
  throw new ApiError(response.status, detail);
}

const seg = encodeURIComponent;

export const api = {
  plans: () => get<Page<Plan>>("/plans", { limit: MAX_PAGE }),
  chapters: (q: Query<"listChapters">) => get<Page<ChapterOut>>("/chapters", q),
  goals: (q: Query<"listGoals">) => get<Page<GoalRef>>("/goals", q),
  tasks: (q: Query<"listTasks">) => get<Page<TaskRef>>("/tasks", q),
  task: (n: number, q: Query<"getTask">) => get<TaskDetail>(`/tasks/${n}`, q),
  search: (q: Query<"searchTasks">) => get<SearchPage>("/search", q),
  places: (q: Query<"listPlaces">) => get<Page<PlaceOut>>("/places", q),
  place: (id: string, q: Query<"getPlace">) => get<PlaceDetail>(`/places/${seg(id)}`, q),
  placeTasks: (id: string, q: Query<"listPlaceTasks">) =>
    get<Page<PlaceTask>>(`/places/${seg(id)}/tasks`, q),
  agencies: (q: Query<"listAgencies">) => get<Page<AgencyOut>>("/agencies", q),
  agency: (id: string, q: Query<"getAgency">) => get<AgencyOut>(`/agencies/${seg(id)}`, q),
  agencyTasks: (id: string, q: Query<"listAgencyTasks">) =>
    get<Page<AgencyTask>>(`/agencies/${seg(id)}/tasks`, q),
  themes: (q: Query<"listThemes">) => get<Page<ThemeOut>>("/themes", q),
  theme: (id: string, q: Query<"getTheme">) => get<ThemeOut>(`/themes/${seg(id)}`, q),
  themeTasks: (id: string, q: Query<"listThemeTasks">) =>
    get<Page<ThemeTask>>(`/themes/${seg(id)}/tasks`, q),
  indicators: (q: Query<"listIndicators">) => get<Page<Indicator>>("/indicators", q),
  graph: (q: Query<"getGraph">) => get<GraphOut>("/graph", q),
  goal: (n: number, q: Query<"getGoal">) => get<Schemas["GoalDetail"]>(`/goals/${n}`, q),
  citations: (plan: string, q: Query<"listPlanCitations">) => get<Page<Citation>>(`/plans/${seg(plan)}/citations`, q),
  citedBy: (plan: string, q: Query<"listPlanCitedBy">) => get<Page<CitingPlan>>(`/plans/${seg(plan)}/cited-by`, q),
  documents: (q: Query<"listDocuments">) => get<Page<DocumentOut>>("/documents", q),
  document: (key: string) => get<DocumentDetail>(`/documents/${seg(key)}`),
  families: (q: Query<"listFamilies">) => get<Page<FamilyOut>>("/families", q),
  family: (key: string, q: Query<"listFamilyTargets">) => get<Page<FamilyTarget>>(`/families/${seg(key)}`, q),
  planDuties: (plan: string, q: Query<"listPlanResponsibilities">) =>
    get<Page<ResponsibilityRow>>(`/plans/${seg(plan)}/responsibilities`, q),
  agencyDuties: (agency: string, q: Query<"listAgencyResponsibilities">) =>
    get<Page<ResponsibilityRow>>(`/agencies/${seg(agency)}/responsibilities`, q),
  // Filters repeat (chapter=2&chapter=3): a record of lists, which url() spreads.
  table: <K extends TableKind>(plan: string, kind: K, q: Record<string, string | number | string[]>) =>
    get<TablePage<K>>(`/plans/${seg(plan)}/table/${kind}`, q),
};

/** A table's CSV of every filtered row, in its order: the API's own download. */
export const tableDownload = (plan: string, kind: TableKind, q: Record<string, string | number | string[]>) =>
  url(`/plans/${seg(plan)}/table/${kind}`, { ...q, format: "csv" });

/** Where the responsibility table downloads from: the API's own CSV and XLSX answers. */
export const dutiesDownload = {
  plan: (plan: string, format: "csv" | "xlsx") => url(`/plans/${seg(plan)}/responsibilities`, { format }),
  agency: (agency: string, plan: string, format: "csv" | "xlsx") =>
    url(`/agencies/${seg(agency)}/responsibilities`, { plan, format }),
};

export { MAX_PAGE };

// Which plan a route shows, said out loud: the plan the URL names, the only plan loaded, or
// none — never silently the first one. And where the plan switcher leads: the same view with
// its filters in the new plan, where that view makes sense there.
import type { Plan } from "./api";
import type { Route } from "./router";

/** Views that span every loaded plan and need none chosen. */
export const CROSS_PLAN = new Set(["plans", "families", "family", "documents", "document", "search"]);

export class UnknownPlan extends Error {
  constructor(readonly id: string) {
    super(id);
  }
}

/** The plan the route shows; null when several are loaded and the URL names none (or `*`). */
export function chosenPlan(plans: Plan[], route: Route): Plan | null {
  const wanted = route.params.get("plan");
  if (wanted && wanted !== "*") {
    const plan = plans.find((p) => p.id === wanted);
    if (!plan) throw new UnknownPlan(wanted);
    return plan;
  }
  return plans.length === 1 && wanted !== "*" ? plans[0] : null;
}

// A view about one thing of a plan goes, in another plan, to the list of such things; a
// task's or goal's number means another task there, so it goes to that plan's page.
const SWITCHED: Record<string, string> = { task: "home", goal: "home", quote: "home", place: "places", agency: "agencies", theme: "themes" };
// Parameters that name something of the old plan: a page offset, a highlight, a graph
// focus, a target filter by task or goal number.
const DROPPED = ["offset", "hl", "focus", "task", "goal", "q"];

/** The route that shows `route`'s view in `plan`: its view and filters kept where they apply. */
export function switchedTo(route: Route, plan: string): string {
  const view = SWITCHED[route.view] ?? (route.view === "plans" ? "home" : route.view);
  const keepsArg = view === route.view && route.view !== "duties";
  const params = new URLSearchParams(route.params);
  for (const key of DROPPED) if (!(view === "search" && key === "q")) params.delete(key);
  params.set("plan", plan);
  const path = keepsArg && route.arg ? `${view}/${encodeURIComponent(route.arg)}` : view;
  return `#/${path}?${params}`;
}

// What every view gets: the plan it shows and the route's arguments, plus the plan's
// catalogue (tasks, places, agencies, themes), fetched once per plan and kept.
import { api, MAX_PAGE, type AgencyOut, type ChapterOut, type Page, type PlaceOut, type Plan, type TaskRef, type ThemeOut } from "./api";

// `chosen` false: several plans are loaded and the URL names none, on a view that spans
// them all (families, documents, search); `plan` is then only the first, never to be shown.
export type Ctx = { plan: Plan; chosen: boolean; plans: Plan[]; arg: string; params: URLSearchParams };

export type Catalogue = {
  tasks: TaskRef[];
  chapters: ChapterOut[];
  places: PlaceOut[];
  agencies: AgencyOut[];
  themes: ThemeOut[];
};

/** Every page of a list route, for catalogues larger than one page. */
export async function all<T>(fetchPage: (offset: number) => Promise<Page<T>>): Promise<T[]> {
  const first = await fetchPage(0);
  const items = [...first.items];
  while (items.length < first.total) {
    const next = await fetchPage(items.length);
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return items;
}

const catalogues = new Map<string, Promise<Catalogue>>();

export function catalogue(plan: string): Promise<Catalogue> {
  let found = catalogues.get(plan);
  if (!found) {
    const page = { plan, limit: MAX_PAGE };
    found = Promise.all([
      all((offset) => api.tasks({ ...page, offset })),
      all((offset) => api.chapters({ ...page, offset })),
      all((offset) => api.places({ ...page, offset })),
      all((offset) => api.agencies({ ...page, offset })),
      all((offset) => api.themes({ ...page, offset })),
    ]).then(([tasks, chapters, places, agencies, themes]) => ({ tasks, chapters, places, agencies, themes }));
    // A failed fetch (a 503) is not kept: the next view asks again.
    found.catch(() => catalogues.delete(plan));
    catalogues.set(plan, found);
  }
  return found;
}

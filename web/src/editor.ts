// The editor's key and the API's write routes (issue 23). The key lives in sessionStorage
// only: it travels in the Authorization header of a write, never in a cookie or the URL,
// so another site's page cannot make this browser write, and closing the browser ends
// edit mode.
import { ApiError, revalidate, type Page, type Problem, type Schemas } from "./api";

export type Editor = { name: string; plans: string[] | "*" };
type Session = Editor & { key: string };

// The request and answer types are the API's own (api-types.ts, generated from its OpenAPI):
// a change there breaks this build rather than the editor's next write.
export type CorrectionIn = Schemas["CorrectionIn"];
export type Fact = CorrectionIn["fact"];
export type TargetFields = Schemas["TargetFields"];
export type Action = CorrectionIn["action"];
/** A kept correction; its `fact` is what was sent (the API types it as a plain object). */
export type Correction = Omit<Schemas["Correction"], "fact"> & { fact: Fact };

const STORE = "plankg.editor";

export function session(): Session | null {
  try {
    const found = JSON.parse(sessionStorage.getItem(STORE) ?? "null") as Session | null;
    return found && typeof found.key === "string" ? found : null;
  } catch {
    return null;
  }
}

export function leave(): void {
  sessionStorage.removeItem(STORE);
}

/** Whether the editor in this session may write to `plan`. */
export function mayEdit(plan: string): boolean {
  const found = session();
  return !!found && (found.plans === "*" || found.plans.includes("*") || found.plans.includes(plan));
}

async function call<T>(method: string, path: string, key: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    // cache: "no-store": an answer that depends on the key is never kept by the browser.
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: "no-store" });
  } catch (error) {
    throw new ApiError(0, `the API did not answer (${(error as Error).message})`);
  }
  if (method !== "GET") revalidate();
  if (response.ok) return (response.status === 204 ? null : await response.json()) as T;
  let detail = response.statusText;
  try {
    detail = ((await response.json()) as Problem).detail ?? detail;
  } catch {
    // not problem+json: keep the status text
  }
  // A key the server no longer knows ends edit mode: every later write would fail the same way.
  if (response.status === 401) leave();
  throw new ApiError(response.status, detail);
}

/** Checks a key with GET /editor and, when the server knows it, starts edit mode. */
export async function enter(key: string): Promise<Editor> {
  const editor = await call<Editor>("GET", "/editor", key);
  sessionStorage.setItem(STORE, JSON.stringify({ ...editor, key }));
  return editor;
}

function key(): string {
  const found = session();
  if (!found) throw new ApiError(401, "not in edit mode");
  return found.key;
}

const seg = encodeURIComponent;

export const corrections = {
  // Reading stays open: the review list needs no key.
  list: (plan: string, query: { limit: number; offset: number; status?: Correction["status"] }) =>
    call<Page<Correction>>(
      "GET",
      `/plans/${seg(plan)}/corrections?limit=${query.limit}&offset=${query.offset}${query.status ? `&status=${query.status}` : ""}`,
      null,
    ),
  write: (plan: string, body: CorrectionIn) => call<Correction>("POST", `/plans/${seg(plan)}/corrections`, key(), body),
  withdraw: (plan: string, id: Correction["id"]) =>
    call<Correction | null>("DELETE", `/plans/${seg(plan)}/corrections/${seg(String(id))}`, key()),
};

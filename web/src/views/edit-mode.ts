// The header's edit switch: "Edit" asks for the editor's key, checks it (GET /editor) and
// keeps it for this browser session; then the editor's name and "leave edit mode". Also
// what a failed write means, in words a planner can act on.
import { ApiError } from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import { enter, leave, mayEdit, session } from "../editor";
import { go, href } from "../router";

/** Shows the current view again, fresh from the API (after a write or a change of mode). */
export function rerender(): void {
  go(location.hash || "#/", true);
}

export function problemWords(error: unknown): string {
  if (!(error instanceof ApiError)) return String(error);
  const detail = error.message;
  if (error.status === 0) return t("corrErrNoAnswer");
  if (error.status === 401) return t("corrErr401");
  if (error.status === 403) return t("corrErr403");
  if (error.status === 404) return t("corrErr404");
  if (error.status === 409) return t("corrErr409", { detail });
  if (error.status === 400 || error.status === 422) return t("corrErr422", { detail });
  return t("corrErrOther", { status: error.status, detail });
}

export function alertLine(id: string): HTMLElement {
  return h("p", { class: "error corr-error", role: "alert", id, hidden: true });
}

export function say(line: HTMLElement, text: string): void {
  line.textContent = text;
  line.hidden = !text;
}

function keyForm(plan: string): HTMLElement {
  const input = h("input", { type: "password", id: "editor-key", name: "key", autocomplete: "off", required: true }) as HTMLInputElement;
  const error = alertLine("editor-error");
  const form = h(
    "form",
    {
      class: "corr-key",
      id: "editor-form",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        say(error, "");
        try {
          await enter(input.value.trim());
          rerender();
        } catch (failure) {
          const missing = failure instanceof ApiError && failure.status === 404;
          say(error, missing ? t("corrErrNoEditing") : problemWords(failure));
          input.select();
        }
      },
    },
    h("label", { for: "editor-key" }, t("corrKey"), " "),
    input,
    h("button", { type: "submit" }, t("corrEnter")),
    h("button", { type: "button", onclick: () => form.replaceWith(editSwitch(plan)) }, t("corrCancel")),
    error,
  );
  return form;
}

/** The header's edit controls for the plan shown (`plan`), and the review list's link. */
export function editSwitch(plan: string): HTMLElement {
  const editor = session();
  const list = h("a", { href: href("corrections"), id: "corrections-link" }, t("corrList"));
  if (!editor) {
    const box = h("span", { class: "corr-switch", id: "edit-switch" }, list, " ");
    const button = h("button", { type: "button", id: "edit-mode", onclick: () => {
      const form = keyForm(plan);
      button.replaceWith(form);
      (form.querySelector("input") as HTMLInputElement).focus();
    } }, t("corrEdit"));
    box.append(button);
    return box;
  }
  return h(
    "span",
    { class: "corr-switch corr-on", id: "edit-switch" },
    list,
    " ",
    h("span", { class: "badge badge-editor", id: "editor-name" }, t("corrEditingAs", { name: editor.name })),
    !mayEdit(plan) && h("span", { class: "muted" }, ` ${t("corrNoScope")}`),
    " ",
    h("button", { type: "button", id: "leave-edit", onclick: () => { leave(); rerender(); } }, t("corrLeave")),
  );
}

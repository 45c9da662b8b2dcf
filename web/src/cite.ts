// Citing the plan: "copy with source" puts a sentence on the clipboard with the plan's title,
// the number as the plan writes it and a link that opens the same place again. The link
// names its plan (plan=…), so it stays right whichever plans a later server loads.
import { h } from "./dom";
import { lang, t } from "./i18n";

export type Source = {
  planId: string;
  planTitle: string; // as the plan writes it: a citation quotes the Chinese title
  within?: string; // the chapter as written (二、…): labels like (一) restart in each
  number: string; // as the plan writes it: 27. （三） 3.1.1; a goal's "目标 2"
  sentence: string;
  route: string; // the page's route without plan or lang: "task/27?hl=10-40"
};

/** The page route as an absolute URL that names its plan (and English, when read in it). */
export function stableLink(source: Pick<Source, "planId" | "route">): string {
  const [path, query = ""] = source.route.split("?", 2);
  const params = new URLSearchParams(query);
  params.set("plan", source.planId);
  if (lang() === "en") params.set("lang", "en");
  return `${location.origin}${location.pathname}#/${path}?${params}`;
}

/** What is copied: the sentence, the source line, the link; one per line. */
export function citation(source: Source): string {
  const quoted = lang() === "en" ? `"${source.sentence}"` : `“${source.sentence}”`;
  return [quoted, t("sourceLine", { title: source.planTitle, number: [source.within, source.number].filter(Boolean).join(" ") }), stableLink(source)].join("\n");
}

/** Where the fallback puts the text: selected, so Ctrl+C copies it. */
function selectByHand(text: string, near: HTMLElement): void {
  const box = h("textarea", { class: "copy-fallback", readonly: true, rows: 4, "aria-label": t("copySource") }) as HTMLTextAreaElement;
  box.value = text;
  near.after(box);
  box.focus();
  box.select();
}

/** A button copying the source to the clipboard, saying so beside it. Without the
 * Clipboard API (an insecure origin, a refused permission) the text is shown selected. */
export function copyButton(source: Source): HTMLElement {
  const said = h("span", { class: "copy-status", role: "status" });
  const button = h(
    "button",
    {
      type: "button",
      class: "copy-source",
      "data-copy": source.route,
      onclick: async () => {
        const text = citation(source);
        wrapper.querySelector(".copy-fallback")?.remove();
        try {
          if (!navigator.clipboard) throw new Error("no Clipboard API");
          await navigator.clipboard.writeText(text);
          said.textContent = t("copied");
        } catch {
          selectByHand(text, said);
          said.textContent = t("copyByHand");
        }
      },
    },
    t("copySource"),
  );
  const wrapper = h("span", { class: "copy" }, button, " ", said);
  return wrapper;
}

// One box for everything: ranked tasks with the matched words marked (the API's BM25 and
// its <mark> highlights), and direct hits for places, agencies and themes by any name.
import { api, MAX_PAGE } from "../api";
import { catalogue, type Catalogue, type Ctx } from "../context";
import { h, marked } from "../dom";
import { t } from "../i18n";
import { agencyLink, page, placeLink, section, taskLink, themeLink } from "./common";

const fold = (s: string) => s.trim().toLowerCase();

/** Names of a thing in both languages, with its aliases or terms. */
function names(item: { name: string; name_en?: string | null; aliases?: string[]; short_name?: string; terms?: string[] }): string[] {
  return [item.name, item.name_en ?? "", item.short_name ?? "", ...(item.aliases ?? []), ...(item.terms ?? [])]
    .map(fold)
    .filter(Boolean);
}

function hits(query: string, cat: Catalogue): HTMLElement[] {
  const q = fold(query);
  // A name inside the query counts too: 岱山 finds 岱山县 by its alias, and "remote islands
  // of Daishan" finds both the theme and the county.
  const matches = (item: Parameters<typeof names>[0]) => names(item).some((n) => n.includes(q) || (n.length > 1 && q.includes(n)));
  return [
    ...cat.places.filter(matches).map(placeLink),
    ...cat.agencies.filter(matches).map(agencyLink),
    ...cat.themes.filter(matches).map(themeLink),
  ].slice(0, 24);
}

export async function search(ctx: Ctx): Promise<HTMLElement> {
  const q = ctx.params.get("q") ?? "";
  if (!q.trim()) return page(t("search"), h("p", {}, t("searchHint")));
  // No plan chosen among several: every plan (`*`), never silently the first.
  const plan = ctx.chosen ? ctx.plan.id : "*";
  const [result, cat] = await Promise.all([api.search({ q, plan, limit: MAX_PAGE }), ctx.chosen ? catalogue(plan) : null]);
  const direct = cat ? hits(q, cat) : [];
  return page(
    `${t("search")}: ${q}`,
    h("p", { class: "muted" }, `${t("readAs")}: `, result.terms.map((term) => h("code", {}, term)).flatMap((c) => [c, " "])),
    direct.length > 0 && section(t("directHits"), h("p", { class: "chips", id: "direct-hits" }, direct)),
    section(
      t("results", { n: result.total }),
      result.items.length === 0
        ? h("p", {}, t("noResults"))
        : h(
            "ol",
            { class: "results", id: "search-results" },
            result.items.map((hit) =>
              h(
                "li",
                { "data-task": hit.number },
                taskLink(hit, hit.plan),
                h("span", { class: "badge" }, `${t("score")} ${hit.score.toFixed(2)}`),
                hit.highlights.map((one) => h("p", { class: "snippet", lang: "zh-CN" }, marked(one.marked))),
              ),
            ),
          ),
    ),
  );
}

// One box for everything. The API answers in groups (`match`), shown apart in its order:
// the tasks of the place, agency or theme the query names (the same list as that page),
// then the tasks holding the query as written, then, lower and muted, those found only by
// its sub-words or synonyms. Direct links to places, agencies and themes by any name sit
// above. With several plans loaded, one link searches them all (plan=*).
import { api, MAX_PAGE, type SearchPage } from "../api";
import { catalogue, type Catalogue, type Ctx } from "../context";
import { h, marked } from "../dom";
import { named, t } from "../i18n";
import { href } from "../router";
import { agencyLink, page, placeLink, section, taskLink, themeLink } from "./common";

type Hit = SearchPage["items"][number];
type Entity = NonNullable<SearchPage["entity"]>;

const fold = (s: string) => s.trim().toLowerCase();

/** Names of a thing in both languages, with its aliases or terms. */
function names(item: { name: string; name_en?: string | null; aliases?: string[]; short_name?: string; terms?: string[] }): string[] {
  return [item.name, item.name_en ?? "", item.short_name ?? "", ...(item.aliases ?? []), ...(item.terms ?? [])]
    .map(fold)
    .filter(Boolean);
}

function directHits(query: string, cat: Catalogue): HTMLElement[] {
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

function entityTitle(entity: Entity): string {
  const name = named(entity);
  if (entity.kind === "place") return t("searchEntityPlace", { name });
  if (entity.kind === "agency") return t("searchEntityAgency", { name });
  return t("searchEntityTheme", { name });
}

function hitItem(hit: Hit, acrossPlans: boolean): HTMLElement {
  // A hit of another plan opens in that plan (the link carries it).
  const link = taskLink(hit, hit.plan);
  return h(
    "li",
    { "data-task": hit.number, "data-plan": hit.plan, "data-match": hit.match },
    link,
    acrossPlans ? h("span", { class: "muted search-plan" }, ` · ${hit.plan_title}`) : null,
    h("span", { class: "badge" }, `${t("score")} ${hit.score.toFixed(2)}`),
    hit.highlights.map((one) => h("p", { class: "snippet", lang: "zh-CN" }, marked(one.marked))),
  );
}

/** One group of hits; `count` is the API's (the page shows at most MAX_PAGE hits). */
function group(id: Hit["match"], title: string, count: number, hits: Hit[], acrossPlans: boolean, ...notes: (Node | string)[]): HTMLElement | null {
  if (count === 0) return null;
  return h(
    "section",
    { class: `search-group search-group-${id}`, id: `search-${id}`, "data-count": count },
    h("h2", {}, `${title} (${count})`),
    ...notes,
    h("ol", { class: "results" }, hits.map((hit) => hitItem(hit, acrossPlans))),
  );
}

export async function search(ctx: Ctx): Promise<HTMLElement> {
  const q = ctx.params.get("q") ?? "";
  if (!q.trim()) return page(t("search"), h("p", {}, t("searchHint")));
  // No plan chosen among several: every plan (`*`), never silently the first.
  const acrossPlans = (ctx.params.get("scope") === "all" && ctx.plans.length > 1) || !ctx.chosen;
  const [result, cat] = await Promise.all([
    api.search({ q, plan: acrossPlans ? "*" : ctx.plan.id, limit: MAX_PAGE }),
    ctx.chosen ? catalogue(ctx.plan.id) : null,
  ]);
  const direct = cat ? directHits(q, cat) : [];
  const of = (match: Hit["match"]) => result.items.filter((hit) => hit.match === match);
  const entity = result.entity;
  const scope =
    ctx.plans.length > 1 && ctx.chosen
      ? h(
          "p",
          { id: "search-scope" },
          h("a", { href: href("search", "", { q, scope: acrossPlans ? undefined : "all" }) }, acrossPlans ? t("searchInThisPlan") : t("searchInAllPlans")),
        )
      : null;
  return page(
    `${t("search")}: ${q}`,
    h("p", { class: "muted" }, `${t("readAs")}: `, result.terms.map((term) => h("code", {}, term)).flatMap((c) => [c, " "])),
    scope,
    direct.length > 0 && section(t("directHits"), h("p", { class: "chips", id: "direct-hits" }, direct)),
    h("p", { id: "search-total" }, t("searchTotal", { n: result.total })),
    result.items.length === 0 ? h("p", {}, t("noResults")) : null,
    h(
      "div",
      { id: "search-results" },
      entity &&
        group(
          "entity",
          entityTitle(entity),
          result.groups.entity,
          of("entity"),
          acrossPlans,
          h("p", { class: "muted" }, h("a", { href: href(entity.kind, entity.id) }, named(entity)), ` · ${t("searchEntityNote")}`),
        ),
      group("phrase", t("searchPhraseGroup", { q }), result.groups.phrase, of("phrase"), acrossPlans),
      group("words", t("searchWordsGroup"), result.groups.words, of("words"), acrossPlans, h("p", { class: "muted" }, t("searchWordsNote"))),
    ),
  );
}

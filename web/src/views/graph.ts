// A node's neighbourhood from /graph, drawn with Cytoscape.js, which is fetched only when
// this view opens (a chunk of its own: the other views never pay for it).
//
// Readable at any size: at most CAP nodes are drawn at a time ("show more" adds the next,
// nearest first), labels keep a fixed size on screen and disappear when zoomed far out
// rather than shrinking to specks, edges say their relationship in the page's language,
// node types can be switched off in the legend. A click adds the clicked node's neighbours
// around it; nothing already drawn moves. A double click opens the node's page. The drawn
// nodes are also listed as links below the drawing, for keyboards and screen readers.
import type { Core, EdgeSingular, ElementDefinition, NodeSingular } from "cytoscape";
import { api, type GraphOut } from "../api";
import type { Ctx } from "../context";
import { h } from "../dom";
import { lang, t, type Word } from "../i18n";
import { explain } from "../errors";
import { go, href, parse } from "../router";
import { page } from "./common";

export const COLOURS: Record<string, string> = {
  Plan: "#4b5563",
  Chapter: "#7c3aed",
  Goal: "#a16207",
  Task: "#1d4ed8",
  Indicator: "#be185d",
  Place: "#047857",
  Agency: "#dc2626",
  Theme: "#0e7490",
  Document: "#78716c",
  IndicatorFamily: "#9333ea",
};
const TYPE_WORDS: Record<string, Word> = {
  Plan: "graphTypePlan",
  Chapter: "graphTypeChapter",
  Goal: "graphTypeGoal",
  Task: "graphTypeTask",
  Indicator: "graphTypeIndicator",
  Place: "graphTypePlace",
  Agency: "graphTypeAgency",
  Theme: "graphTypeTheme",
  Document: "graphTypeDocument",
  IndicatorFamily: "graphTypeFamily",
};
const EDGE_WORDS: Record<string, Word> = {
  HAS_CHAPTER: "graphRelHasChapter",
  HAS_TASK: "graphRelHasTask",
  HAS_GOAL: "graphRelHasGoal",
  HAS_INDICATOR: "graphRelHasIndicator",
  MENTIONS: "graphRelMentions",
  PART_OF: "graphRelPartOf",
  RESPONSIBLE_FOR: "graphRelResponsible",
  ABOUT: "graphRelAbout",
  RELATED_TO: "graphRelRelated",
  CITES: "graphRelCites",
  SAME_AS: "graphRelSameAs",
  IN_FAMILY: "graphRelInFamily",
};
const ROLE_WORDS: Record<string, Word> = { lead: "graphRelLeads", partner: "graphRelPartners" };

export const CAP = 60; // nodes drawn per step: beyond this the drawing is a hairball
const LABEL_PX = 13; // a node label's size on screen, at any zoom
const EDGE_LABEL_PX = 12;
const LABEL_WIDTH_PX = 160;
const FAR_ZOOM = 0.4; // further out than this, labels are hidden, not shrunk
const LABEL_UNITS = 24; // a task's title is a sentence: the drawing shows its start
// Every edge named when the first drawing has at most this many; beyond, the names would
// cover the drawing, so only the edges of the node pointed at or clicked are named.
const EDGE_LABELS_ALL_MAX = 40;

type Node = GraphOut["nodes"][number];
type Edge = GraphOut["edges"][number];

function pageOf(node: Node): string {
  const p = node.properties as Record<string, unknown>;
  switch (node.type) {
    case "Task":
      return href("task", String(p.number));
    case "Place":
      return href("place", node.id);
    case "Agency":
      return href("agency", node.id);
    case "Theme":
      return href("theme", node.id);
    default:
      return href("graph", "", { focus: node.id });
  }
}

/** The start of a long label, cut at a character (Chinese has no spaces to cut at) so
 * that it fits LABEL_UNITS: a Chinese character counts two, a Latin letter one. */
export function shortLabel(label: string, units = LABEL_UNITS): string {
  const width = (c: string) => (c.codePointAt(0)! > 0x2e7f ? 2 : 1);
  let used = 0;
  let cut = "";
  for (const c of label) {
    if (used + width(c) > units) return `${cut.trimEnd()}…`;
    used += width(c);
    cut += c;
  }
  return label;
}

function typeName(type: string): string {
  return TYPE_WORDS[type] ? t(TYPE_WORDS[type]) : type;
}

function edgeGloss(edge: Edge): string {
  const role = (edge.properties as Record<string, unknown>).role;
  if (edge.type === "RESPONSIBLE_FOR" && typeof role === "string" && ROLE_WORDS[role]) return t(ROLE_WORDS[role]);
  return EDGE_WORDS[edge.type] ? t(EDGE_WORDS[edge.type]) : edge.type;
}

// Kept for the tests and for anyone poking at the drawing from the console.
declare global {
  interface Window {
    plankgGraph?: Core;
  }
}

export async function graph(ctx: Ctx): Promise<HTMLElement> {
  const focus = ctx.params.get("focus") || ctx.plan.id;
  const depth = Number(ctx.params.get("depth") || 1);
  // The drawing library and the neighbourhood are fetched together.
  const [first, { default: cytoscape }] = await Promise.all([api.graph({ focus, depth, lang: lang() }), import("cytoscape")]);

  const known = new Map<string, Node>(); // every node fetched, in the order to draw them
  const edges = new Map<string, Edge>();
  const hiddenTypes = new Set<string>();
  let edgeLabels = first.edges.length <= EDGE_LABELS_ALL_MAX;

  const canvas = h("div", { class: "graph", id: "graph-canvas", role: "img", "aria-label": t("nodes", { n: first.nodes.length }) });
  const list = h("ul", { class: "node-list" });
  const count = h("span", { id: "graph-count" });
  const more = h("button", { type: "button", id: "graph-more", hidden: true }) as HTMLButtonElement;
  const zoomHint = h("span", { id: "graph-zoom-hint", class: "muted", hidden: true }, t("graphZoomHint"));
  const legend = h("ul", { class: "legend graph-legend", "aria-label": t("legend") });
  const relLabels = h("input", { type: "checkbox", id: "graph-edge-labels", checked: edgeLabels }) as HTMLInputElement;
  const depthSelect = h(
    "select",
    { id: "graph-depth", onchange: (e: Event) => go(href("graph", "", { focus, depth: (e.target as HTMLSelectElement).value })) },
    [1, 2, 3].map((d) => h("option", { value: d, selected: d === depth }, d)),
  );
  const view = page(
    `${t("graph")}: ${first.nodes.find((n) => n.id === focus)?.label ?? focus}`,
    h("p", { class: "muted" }, t("graphHelp"), " ", h("label", {}, `${t("depth")} `, depthSelect), " ", h("label", { class: "graph-option" }, relLabels, ` ${t("graphEdgeLabels")}`)),
    legend,
    h("p", { class: "graph-status" }, count, " ", more, " ", zoomHint),
    canvas,
    h("details", {}, h("summary", {}, t("nodesList")), list),
  );

  const merge = (g: GraphOut): string[] => {
    for (const n of g.nodes) if (!known.has(n.id)) known.set(n.id, n);
    for (const e of g.edges) edges.set(e.id, e);
    return g.nodes.map((n) => n.id);
  };
  merge(first);

  // Cytoscape measures its container, so it starts once the view is in the document.
  view.addEventListener("mounted", () => {
    let scale = 1; // model units per screen pixel for labels: 1 / zoom when zoomed out
    let far = false;
    const cy = cytoscape({
      container: canvas,
      elements: [],
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        {
          selector: "node",
          style: {
            "background-color": (n: NodeSingular) => COLOURS[n.data("type") as string] ?? "#6b7280",
            label: (n: NodeSingular) => (far ? "" : (n.data("short") as string)),
            "font-size": () => LABEL_PX * scale,
            "text-max-width": () => `${LABEL_WIDTH_PX * scale}px`,
            "text-wrap": "ellipsis",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": "1px",
            "text-valign": "bottom",
            "text-margin-y": 3,
            color: "#111827",
            width: 18,
            height: 18,
          },
        },
        { selector: `node[id = "${focus}"]`, style: { width: 30, height: 30, "border-width": 3, "border-color": "#111827" } },
        {
          selector: "edge",
          style: {
            width: 1,
            "line-color": "#9ca3af",
            "target-arrow-color": "#9ca3af",
            "target-arrow-shape": "triangle",
            "curve-style": "bezier",
            "arrow-scale": 0.6,
            label: (e: EdgeSingular) => (!far && (edgeLabels || e.hasClass("near") || e.hasClass("picked")) ? (e.data("gloss") as string) : ""),
            "font-size": () => EDGE_LABEL_PX * scale,
            "text-rotation": "autorotate",
            color: "#4b5563",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
          },
        },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#f59e0b" } },
        { selector: "edge.near, edge.picked", style: { width: 2, "line-color": "#6b7280", "target-arrow-color": "#6b7280", "z-index": 10 } },
        { selector: ".filtered", style: { display: "none" } },
      ],
    });
    window.plankgGraph = cy;

    // Labels keep their size on screen when zoomed out (and grow when zoomed in).
    let pending = 0;
    const fitLabels = () => {
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        const zoom = cy.zoom();
        const nextScale = 1 / Math.min(zoom, 1);
        const nextFar = zoom < FAR_ZOOM;
        if (nextScale === scale && nextFar === far) return;
        scale = nextScale;
        far = nextFar;
        cy.style().update();
        canvas.dataset.labels = far ? "hidden" : "shown";
        zoomHint.hidden = !far;
      });
    };
    cy.on("zoom", fitLabels);

    const drawn = (id: string) => !cy.getElementById(id).empty();
    const waiting = () => [...known.values()].filter((n) => !drawn(n.id) && !hiddenTypes.has(n.type));

    // A new node goes beside a neighbour already drawn, on an arc facing away from the
    // focus, pushed outwards until it is clear of the nodes around it.
    const centre = () => cy.getElementById(focus).position() ?? { x: 0, y: 0 };
    const place = (nodes: Node[], near?: string) => {
      const taken = cy.nodes().map((n: NodeSingular) => ({ ...n.position() }));
      const byParent = new Map<string, Node[]>();
      const orphans: Node[] = [];
      for (const n of nodes) {
        const neighbours = [...edges.values()]
          .filter((e) => e.source === n.id || e.target === n.id)
          .map((e) => (e.source === n.id ? e.target : e.source))
          .filter(drawn);
        const parent = near && neighbours.includes(near) ? near : neighbours[0];
        if (parent) byParent.set(parent, [...(byParent.get(parent) ?? []), n]);
        else orphans.push(n);
      }
      const positions = new Map<string, { x: number; y: number }>();
      const clear = (p: { x: number; y: number }) => taken.every((q) => Math.hypot(p.x - q.x, p.y - q.y) > 34);
      const c = centre();
      for (const [parent, children] of [...byParent, ...(orphans.length ? ([[focus, orphans]] as [string, Node[]][]) : [])]) {
        const at = cy.getElementById(parent).position() ?? c;
        const away = Math.hypot(at.x - c.x, at.y - c.y) < 1 ? 0 : Math.atan2(at.y - c.y, at.x - c.x);
        const arc = parent === focus ? 2 * Math.PI : Math.min(1.6 * Math.PI, 0.45 * children.length + 0.6);
        children.forEach((child, i) => {
          const angle = away - arc / 2 + (arc * (i + 0.5)) / children.length;
          let radius = 70 + 4 * children.length;
          let p = { x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) };
          for (let tries = 0; tries < 12 && !clear(p); tries++) {
            radius += 24;
            p = { x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) };
          }
          taken.push(p);
          positions.set(child.id, p);
        });
      }
      return positions;
    };

    const render = () => {
      const shown = cy.nodes().not(".filtered").length;
      const left = waiting().length;
      count.textContent = t("graphShown", { shown, total: known.size });
      more.hidden = left === 0;
      more.textContent = t("graphMore", { n: Math.min(CAP, left), hidden: left });
      canvas.dataset.nodes = String(cy.nodes().length);
      canvas.dataset.waiting = String(left);
      canvas.setAttribute("aria-label", t("graphShown", { shown, total: known.size }));
      const types = new Map<string, number>();
      for (const n of known.values()) types.set(n.type, (types.get(n.type) ?? 0) + 1);
      // The legend is rebuilt (its counts change): a keyboard user keeps their place in it.
      const focused = legend.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.type : undefined;
      legend.replaceChildren(
        ...Object.keys(COLOURS)
          .filter((type) => types.has(type))
          .map((type) =>
            h(
              "li",
              { "data-type": type },
              h(
                "label",
                {},
                h("input", {
                  type: "checkbox",
                  checked: !hiddenTypes.has(type),
                  "data-type": type,
                  onchange: (e: Event) => filter(type, (e.target as HTMLInputElement).checked),
                }),
                h("span", { class: "swatch", style: `background:${COLOURS[type]}` }),
                `${typeName(type)} (${types.get(type)})`,
              ),
            ),
          ),
      );
      if (focused) legend.querySelector<HTMLElement>(`input[data-type="${focused}"]`)?.focus();
      zoomHint.hidden = !far;
      list.replaceChildren(
        ...cy
          .nodes()
          .not(".filtered")
          .map((el: NodeSingular) => {
            const n = el.data("node") as Node;
            return h("li", {}, h("span", { class: "swatch", style: `background:${COLOURS[n.type] ?? "#6b7280"}` }), h("a", { href: pageOf(n) }, `${typeName(n.type)}: ${n.label}`));
          }),
      );
    };

    /** Draws up to CAP nodes not drawn yet: those of `only` (a clicked node's neighbours,
     * placed around `near`) or else the nearest to the focus. */
    const draw = (only?: string[], near?: string) => {
      const candidates = only ? only.map((id) => known.get(id)).filter((n): n is Node => !!n && !drawn(n.id) && !hiddenTypes.has(n.type)) : waiting();
      const batch = candidates.slice(0, CAP);
      if (batch.length === 0) return render();
      const initial = cy.nodes().empty();
      const positions = initial ? new Map() : place(batch, near);
      const nodes: ElementDefinition[] = batch.map((n) => ({
        group: "nodes",
        data: { id: n.id, label: n.label, short: shortLabel(n.label), type: n.type, node: n },
        position: positions.get(n.id),
      }));
      cy.add(nodes);
      const fresh = [...edges.values()].filter((e) => drawn(e.source) && drawn(e.target) && !drawn(e.id));
      cy.add(fresh.map((e) => ({ group: "edges" as const, data: { id: e.id, source: e.source, target: e.target, type: e.type, gloss: edgeGloss(e) } })));
      if (initial) {
        // Rings by distance from the focus (the node asked about in the middle), then
        // loosened by force so labels overlap less; both are deterministic.
        cy.layout({
          name: "concentric",
          concentric: (node) => 10 - Number((node.data("node") as Node).properties.distance ?? 9),
          levelWidth: () => 1,
          minNodeSpacing: 30,
          avoidOverlap: true,
          animate: false,
        }).run();
        if (batch.length > 12) {
          cy.layout({
            name: "cose",
            randomize: false,
            animate: false,
            nodeDimensionsIncludeLabels: true,
            idealEdgeLength: () => 120,
            nodeRepulsion: () => 400_000,
            gravity: 0.1,
            numIter: 1000,
            boundingBox: { x1: 0, y1: 0, w: cy.width(), h: cy.height() },
          }).run();
        }
        cy.fit(undefined, 30);
      } else {
        // Bring the new nodes into view without moving any node.
        const ids = new Set(batch.map((n) => n.id));
        const added = cy.nodes().filter((n: NodeSingular) => ids.has(n.id()));
        const box = added.boundingBox({});
        const view = cy.extent();
        if (box.x1 < view.x1 || box.y1 < view.y1 || box.x2 > view.x2 || box.y2 > view.y2) cy.fit(cy.nodes().not(".filtered"), 30);
      }
      fitLabels();
      render();
    };

    const filter = (type: string, on: boolean) => {
      if (on) hiddenTypes.delete(type);
      else hiddenTypes.add(type);
      const ofType = cy.nodes().filter((n: NodeSingular) => n.data("type") === type && n.id() !== focus);
      if (on) ofType.removeClass("filtered");
      else ofType.addClass("filtered");
      render();
    };

    more.addEventListener("click", () => draw());
    relLabels.addEventListener("change", () => {
      edgeLabels = relLabels.checked;
      cy.style().update();
    });
    // The edges of the node pointed at, and of the one clicked last, say their name.
    cy.on("mouseover", "node", (event) => event.target.connectedEdges().addClass("near"));
    cy.on("mouseout", "node", (event) => event.target.connectedEdges().removeClass("near"));
    cy.on("tap", "node", async (event) => {
      const id = event.target.id() as string;
      cy.edges().removeClass("picked");
      event.target.connectedEdges().addClass("picked");
      try {
        draw(merge(await api.graph({ focus: id, depth: 1, lang: lang() })), id);
        cy.getElementById(id).connectedEdges().addClass("picked");
      } catch (error) {
        count.textContent = explain(error, parse()).sentence;
      }
    });
    cy.on("dbltap", "node", (event) => go(pageOf(event.target.data("node") as Node)));

    draw();
  });
  return view;
}

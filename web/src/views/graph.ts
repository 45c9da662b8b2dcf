// A node's neighbourhood from /graph, drawn with Cytoscape.js: colours by node type and a
// legend; a click adds the clicked node's neighbours, a double click opens its page. The
// nodes are also listed as links below the drawing, for keyboards and screen readers.
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { api, type GraphOut } from "../api";
import type { Ctx } from "../context";
import { h } from "../dom";
import { shown } from "../enums";
import { lang, t } from "../i18n";
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
};

type Node = GraphOut["nodes"][number];

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

function elements(graph: GraphOut): ElementDefinition[] {
  return [
    ...graph.nodes.map((n) => ({ group: "nodes" as const, data: { id: n.id, label: n.label, type: n.type, node: n } })),
    ...graph.edges.map((e) => ({ group: "edges" as const, data: { id: e.id, source: e.source, target: e.target, type: e.type } })),
  ];
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
  const first = await api.graph({ focus, depth, lang: lang() });
  const canvas = h("div", { class: "graph", id: "graph-canvas", role: "img", "aria-label": t("nodes", { n: first.nodes.length }) });
  const list = h("ul", { class: "node-list" });
  const count = h("span", { id: "graph-count" });
  const known = new Map<string, Node>();
  const legend = h(
    "ul",
    { class: "legend", "aria-label": t("legend") },
    Object.entries(COLOURS).map(([type, colour]) => h("li", {}, h("span", { class: "swatch", style: `background:${colour}` }), shown("node.type", type))),
  );
  const depthSelect = h(
    "select",
    { id: "graph-depth", onchange: (e: Event) => go(href("graph", "", { focus, depth: (e.target as HTMLSelectElement).value })) },
    [1, 2, 3].map((d) => h("option", { value: d, selected: d === depth }, d)),
  );
  const view = page(
    `${t("graph")}: ${first.nodes.find((n) => n.id === focus)?.label ?? focus}`,
    h("p", { class: "muted" }, t("graphHelp"), " ", h("label", {}, `${t("depth")} `, depthSelect), " ", count),
    legend,
    canvas,
    h("details", {}, h("summary", {}, t("nodesList")), list),
  );

  // Cytoscape measures its container, so it starts once the view is in the document.
  view.addEventListener("mounted", () => {
    const cy = cytoscape({
      container: canvas,
      elements: [],
      wheelSensitivity: 0.3,
      style: [
        {
          selector: "node",
          style: {
            "background-color": (n) => COLOURS[n.data("type") as string] ?? "#6b7280",
            label: "data(label)",
            "font-size": 9,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.75,
            "text-wrap": "ellipsis",
            "text-max-width": "140px",
            "text-valign": "bottom",
            "text-margin-y": 3,
            color: "#111827",
            width: 18,
            height: 18,
          },
        },
        { selector: `node[id = "${focus}"]`, style: { width: 30, height: 30, "border-width": 3, "border-color": "#111827" } },
        { selector: "edge", style: { width: 1, "line-color": "#9ca3af", "target-arrow-color": "#9ca3af", "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.6 } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#f59e0b" } },
      ],
    });
    window.plankgGraph = cy;

    const add = (g: GraphOut) => {
      const fresh = elements(g).filter((el) => cy.getElementById(el.data.id as string).empty());
      cy.add(fresh);
      for (const n of g.nodes) {
        if (known.has(n.id)) continue;
        known.set(n.id, n);
        list.append(h("li", {}, h("span", { class: "swatch", style: `background:${COLOURS[n.type] ?? "#6b7280"}` }), h("a", { href: pageOf(n) }, `${shown("node.type", n.type)}: ${n.label}`)));
      }
      count.textContent = t("nodes", { n: cy.nodes().length });
      canvas.dataset.nodes = String(cy.nodes().length);
      // Rings by distance from the focus: the node asked about sits in the middle.
    const hops = new Map<string, number>();
    cy.elements().bfs({
      roots: cy.getElementById(focus),
      directed: false,
      visit: (node, _edge, _previous, _index, depth) => void hops.set(node.id(), depth),
    });
    cy.layout({
      name: "concentric",
      concentric: (node) => 10 - (hops.get(node.id()) ?? 9),
      levelWidth: () => 1,
      minNodeSpacing: 14,
      animate: false,
    }).run();
    };

    cy.on("tap", "node", async (event) => {
      const id = event.target.id() as string;
      try {
        add(await api.graph({ focus: id, depth: 1, lang: lang() }));
      } catch (error) {
        count.textContent = explain(error, parse()).sentence;
      }
    });
    cy.on("dbltap", "node", (event) => go(pageOf(event.target.data("node") as Node)));

    add(first);
    cy.fit(undefined, 20);
  });
  return view;
}

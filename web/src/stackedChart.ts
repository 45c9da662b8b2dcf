// A horizontal bar chart whose bars have two parts, stated then inferred, in plain SVG (as
// chart.ts draws one-part bars), with a legend: counts that mix what a plan states with
// what was inferred must show which is which.
import { h } from "./dom";

const SVG = "http://www.w3.org/2000/svg";

export type StackedBar = { label: string; stated: number; inferred: number; href?: string };

function el(tag: string, attrs: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

export function stackedBarChart(title: string, bars: StackedBar[], legend: { stated: string; inferred: string }): HTMLElement {
  const row = 22;
  const labelWidth = 190;
  const width = 560;
  const max = Math.max(1, ...bars.map((b) => b.stated + b.inferred));
  const scale = (width - labelWidth - 60) / max;
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${bars.length * row + 8}`,
    role: "img",
    "aria-label": `${title}: ${bars.map((b) => `${b.label} ${b.stated}+${b.inferred}`).join(", ")}`,
    class: "chart chart-stacked",
  });
  bars.forEach((bar, i) => {
    const y = i * row + 4;
    const label = el("text", { x: labelWidth - 6, y: y + 14, "text-anchor": "end", class: "chart-label" });
    label.textContent = bar.label.length > 16 ? `${bar.label.slice(0, 15)}…` : bar.label;
    const stated = el("rect", { x: labelWidth, y, width: bar.stated * scale, height: row - 6, class: "chart-bar-stated", "data-value": bar.stated });
    const inferred = el("rect", { x: labelWidth + bar.stated * scale, y, width: bar.inferred * scale, height: row - 6, class: "chart-bar-inferred", "data-value": bar.inferred });
    const value = el("text", { x: labelWidth + (bar.stated + bar.inferred) * scale + 4, y: y + 14, class: "chart-value" });
    value.textContent = `${bar.stated} + ${bar.inferred}`;
    const group = el("g", { "data-stated": bar.stated, "data-inferred": bar.inferred });
    group.append(label, stated, inferred, value);
    if (bar.href) {
      const link = el("a", { href: bar.href });
      link.append(group);
      svg.append(link);
    } else svg.append(group);
  });
  const key = (kind: "stated" | "inferred") => h("span", {}, h("span", { class: `chart-legend-key ${kind}` }), legend[kind]);
  return h("figure", { class: "chart-stacked-figure" }, h("div", { class: "chart-legend", id: "chart-legend" }, key("stated"), key("inferred")), svg);
}

// A horizontal bar chart in plain SVG: a handful of bars needs no charting library.
const SVG = "http://www.w3.org/2000/svg";

/** `text` is the value as shown beside the bar (with its unit), when not the bare number. */
export type Bar = { label: string; value: number; text?: string; href?: string };

function el(tag: string, attrs: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

export function barChart(title: string, bars: Bar[]): SVGSVGElement {
  const row = 22;
  const labelWidth = 190;
  const width = 560;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${bars.length * row + 8}`,
    role: "img",
    "aria-label": `${title}: ${bars.map((b) => `${b.label} ${b.text ?? b.value}`).join(", ")}`,
    class: "chart",
  }) as SVGSVGElement;
  bars.forEach((bar, i) => {
    const y = i * row + 4;
    const label = el("text", { x: labelWidth - 6, y: y + 14, "text-anchor": "end", class: "chart-label" });
    label.textContent = bar.label.length > 16 ? `${bar.label.slice(0, 15)}…` : bar.label;
    const length = Math.max(0, ((width - labelWidth - 40) * bar.value) / max); // a fall (a negative target) draws no bar, only its value
    const rect = el("rect", { x: labelWidth, y, width: Math.max(length, 1), height: row - 6, class: "chart-bar" });
    const value = el("text", { x: labelWidth + length + 4, y: y + 14, class: "chart-value" });
    value.textContent = bar.text ?? String(bar.value);
    const group = el("g", {});
    group.append(label, rect, value);
    if (bar.href) {
      const link = el("a", { href: bar.href });
      link.append(group);
      svg.append(link);
    } else svg.append(group);
  });
  return svg;
}

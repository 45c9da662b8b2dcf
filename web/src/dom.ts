// A tiny element builder: the page is small enough that a framework would be the bulk of it.
type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(key.slice(2), value);
    // Inline style through the CSSOM: a style attribute in markup is refused by the
    // Content-Security-Policy (style-src 'self'); element.style is not.
    else if (key === "style") element.style.cssText = String(value);
    else if (value === true) element.setAttribute(key, "");
    else element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** The API's search highlights: plan text with <mark>…</mark>. Everything else stays text. */
export function marked(html: string): Node[] {
  return html.split(/(<mark>.*?<\/mark>)/s).map((part) =>
    part.startsWith("<mark>") ? h("mark", {}, part.slice(6, -7)) : document.createTextNode(part),
  );
}

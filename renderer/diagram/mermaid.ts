// The one door to mermaid. It is big, so it is loaded on first use (a dynamic
// import: its own chunk, not paid for at cold start) and initialised once.
//
// Our CSP has `style-src 'self'`: no <style> element, no style attribute. Mermaid
// draws into the live page (it measures text) with both, and every one would be
// refused and reported. So while it draws, two DOM calls are redirected:
// - setAttribute('style', …) is dropped, on any element (mermaid also measures
//   text in elements of its own under <body>). Under our CSP such a call never
//   applies anyway, so nothing else loses by it. Mermaid's inline styles are
//   cosmetic (marker strokes, classDef colours that its stylesheet repeats), and
//   leaving none in the SVG keeps its DOMPurify pass and our DOMParser from
//   parsing a style attribute, which the CSP reports as well. For the same
//   reason, styles it sets through CSSOM (allowed, but serialised as a style
//   attribute) are taken off its scratch SVG as they appear;
// - inserting its <style> element into its scratch SVG becomes a constructable
//   stylesheet (`new CSSStyleSheet()` + `replaceSync`, adopted by the document),
//   which the CSP does not govern. Mermaid scopes the rules to the SVG's id.
// Renders run one at a time so the redirection never overlaps itself.
import type { Mermaid, MermaidConfig } from 'mermaid';

/** Longer sources are refused (and shown as text) rather than drawn as mermaid's "too big" box. */
export const MAX_SOURCE = 50_000;
const SVG_NS = 'http://www.w3.org/2000/svg';

const CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  htmlLabels: false,
  maxTextSize: MAX_SOURCE,
  maxEdges: 500,
  suppressErrorRendering: true,
  look: 'classic',
  theme: 'base',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
  fontSize: 14,
  themeVariables: {
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
    fontSize: '14px',
    lineColor: '#98a2b3',
    primaryColor: '#f9fafb',
    primaryBorderColor: '#98a2b3',
    primaryTextColor: '#344054',
  },
  // Gantt charts are laid out for this width rather than their (off-screen, narrow) scratch container.
  gantt: { useWidth: 900, barHeight: 22, barGap: 6, fontSize: 12, sectionFontSize: 13, leftPadding: 110 },
  flowchart: { htmlLabels: false, wrappingWidth: 220, nodeSpacing: 18, rankSpacing: 56, padding: 14, curve: 'basis' },
} satisfies MermaidConfig;

let loading: Promise<Mermaid> | undefined;
let queue: Promise<unknown> = Promise.resolve();
let counter = 0;

function load(): Promise<Mermaid> {
  loading ??= import('mermaid').then(
    ({ default: mermaid }) => {
      mermaid.initialize(CONFIG);
      return mermaid;
    },
    (error: unknown) => {
      loading = undefined; // a failed chunk load may succeed next time
      throw error;
    },
  );
  return loading;
}

export interface Drawing {
  /** The SVG, imported into this document and not yet placed. */
  readonly svg: SVGSVGElement;
  /** Mermaid's rules for it, adopted by the document; give it back with release(). */
  readonly sheet: CSSStyleSheet;
}

/** Draws mermaid source; throws when mermaid refuses it or fails. */
export function drawMermaid(source: string): Promise<Drawing> {
  const turn = queue.then(() => drawNow(source));
  queue = turn.catch(() => undefined);
  return turn;
}

export function release(sheet: CSSStyleSheet): void {
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
}

async function drawNow(source: string): Promise<Drawing> {
  if (source.length > MAX_SOURCE) throw new Error(`diagram source of ${source.length} characters is too long`);
  const mermaid = await load();
  const id = `mermaid-${++counter}`;
  const sheet = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const scratch = document.createElement('div');
  scratch.className = 'mermaid-scratch';
  scratch.setAttribute('aria-hidden', 'true');
  document.body.append(scratch);
  const { setAttribute } = Element.prototype;
  const { insertBefore } = Node.prototype;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (name.toLowerCase() === 'style') return;
    setAttribute.call(this, name, value);
  };
  Node.prototype.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
    if (node instanceof HTMLStyleElement && scratch.contains(this)) {
      sheet.replaceSync(node.textContent);
      return node;
    }
    return insertBefore.call(this, node, child) as T;
  };
  // Mutation records arrive before mermaid's next step, so before it serialises its SVG.
  const unstyle = new MutationObserver((records) => {
    for (const { target } of records) if (target instanceof Element) target.removeAttribute('style');
  });
  unstyle.observe(scratch, { subtree: true, attributeFilter: ['style'] });
  try {
    const { svg } = await mermaid.render(id, source, scratch);
    return { svg: importSvg(svg), sheet };
  } catch (error) {
    release(sheet);
    throw error;
  } finally {
    unstyle.disconnect();
    Element.prototype.setAttribute = setAttribute;
    Node.prototype.insertBefore = insertBefore;
    scratch.remove();
  }
}

/** Parses mermaid's (already sanitised) SVG string and imports its root into this document. */
function importSvg(markup: string): SVGSVGElement {
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = parsed.documentElement;
  if (root.namespaceURI !== SVG_NS || root.localName !== 'svg' || parsed.querySelector('parsererror'))
    throw new Error('mermaid did not produce an SVG');
  // Defence in depth: nothing executable or styled inline may come through.
  for (const element of root.querySelectorAll('style, script, foreignObject, a')) element.remove();
  for (const element of [root, ...root.querySelectorAll('*')])
    for (const attribute of [...element.attributes])
      if (/^on|^style$|href$/i.test(attribute.name)) element.removeAttribute(attribute.name);
  const svg = document.importNode(root, true);
  if (!(svg instanceof SVGSVGElement)) throw new Error('mermaid did not produce an SVG');
  return svg;
}

// A mermaid diagram of the post-mortem, drawn through the one door to mermaid
// (renderer/diagram: strict security level, CSP-safe). When mermaid refuses
// or fails, the source is shown as text instead.
import { useEffect, useRef, useState } from 'react';
import { drawMermaid, release } from '../../diagram/mermaid';
import { createLogger } from '../../log';

const log = createLogger('postmortem-diagram');

export function MermaidDiagram({ source, caption, testId }: { source: string; caption: string; testId: string }) {
  const canvas = useRef<HTMLDivElement>(null);
  const [hasFailed, setHasFailed] = useState(false);
  useEffect(() => {
    const host = canvas.current;
    if (!host) return;
    let isCurrent = true;
    let sheet: CSSStyleSheet | undefined;
    setHasFailed(false);
    drawMermaid(source).then(
      (drawing) => {
        if (!isCurrent) return release(drawing.sheet);
        sheet = drawing.sheet;
        // Drawn at its own size (mermaid sizes it to its container, which blows small charts up), shrunk to fit.
        const width = drawing.svg.viewBox.baseVal.width;
        if (width > 0) {
          drawing.svg.setAttribute('width', String(Math.ceil(width)));
          drawing.svg.removeAttribute('height');
        }
        host.replaceChildren(drawing.svg);
      },
      (error: unknown) => {
        log.warn('diagram not drawn', error);
        if (isCurrent) setHasFailed(true);
      },
    );
    return () => {
      isCurrent = false;
      if (sheet) release(sheet);
    };
  }, [source]);
  return (
    <figure className="pm-diagram" data-testid={testId}>
      <figcaption className="muted">{caption}</figcaption>
      <div ref={canvas} className="pm-diagram-canvas" data-testid={`${testId}-canvas`} />
      {hasFailed && <pre className="pm-diagram-source">{source}</pre>}
    </figure>
  );
}

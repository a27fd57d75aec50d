// One block of a written report (post-mortem, after-action report) as React
// elements: text only, never markup, so whatever the record says (HTML,
// script, Markdown) stays text; diagrams go through mermaid in strict mode.
import type { Block } from '../../../common/report/blocks';
import { MermaidDiagram } from './MermaidDiagram';
import './postmortem.css';

interface Props {
  block: Block;
  /** Test id of a diagram: `${diagramTestId}-${index}`. */
  index: number;
  diagramTestId: string;
  /** The screen shows the report's title itself: its level-1 heading is left out. */
  hideTitle?: boolean;
}

function ReportBlockView({ block, index, diagramTestId, hideTitle = false }: Props) {
  switch (block.kind) {
    case 'heading':
      if (block.level === 1) return hideTitle ? null : <h2>{block.text}</h2>;
      return block.level === 2 ? <h2>{block.text}</h2> : <h3>{block.text}</h3>;
    case 'paragraph':
      return <p className="pm-paragraph">{block.text}</p>;
    case 'list':
      return (
        <ul>
          {block.items.map((item, at) => (
            <li key={at}>{item}</li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <div className="pm-table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                {block.header.map((head, at) => (
                  <th key={at} scope="col">
                    {head}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.slice(0, 500).map((row, at) => (
                <tr key={at}>
                  {row.map((text, column) => (
                    <td key={column}>{text}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'diagram':
      return <MermaidDiagram source={block.source} caption={block.caption} testId={`${diagramTestId}-${index}`} />;
  }
}

/** A whole report, block after block; diagrams are numbered among themselves for their test ids. */
export function ReportBlocks({
  blocks,
  diagramTestId,
  hideTitle = false,
}: {
  blocks: readonly Block[];
  diagramTestId: string;
  hideTitle?: boolean;
}) {
  let diagrams = 0;
  return blocks.map((block, index) => (
    <ReportBlockView
      key={index}
      block={block}
      index={block.kind === 'diagram' ? diagrams++ : diagrams}
      diagramTestId={diagramTestId}
      hideTitle={hideTitle}
    />
  ));
}

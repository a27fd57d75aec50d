// The service map's mermaid source against mermaid's own parser (hostile names
// stay labels), and the component's fallback when drawing fails.
import { act, cleanup, render, screen } from '@testing-library/react';
import mermaid from 'mermaid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../i18n';
import { ServiceMap } from './ServiceMap';
import { type MapMonitor, serviceMapDiagram } from './service-map-source';

vi.mock('../../diagram/mermaid', () => ({
  drawMermaid: () => Promise.reject(new Error('mermaid exploded')),
  release: () => undefined,
}));

const HOSTILE: readonly MapMonitor[] = [
  { id: 'a', name: '"]:::x --> y', status: 'down' },
  { id: 'b', name: '%%{init: {"securityLevel":"loose"}}%%', parent: 'a', status: 'caused-by-parent' },
  { id: 'c', name: '<img src=x onerror=alert(1)>', parent: 'a', status: 'up' },
  { id: 'd', name: 'click m0 call alert()', status: 'maintenance' },
  { id: 'e', name: 'line\nbreak `tick` #quot; 100%', parent: 'd', status: 'pending' },
];

interface FlowVertex {
  readonly id: string;
  readonly text?: string;
  readonly type?: string;
  readonly classes: string[];
}
interface FlowDb {
  getVertices(): Map<string, FlowVertex>;
  getEdges(): { start: string; end: string }[];
  getTooltip(id: string): string | undefined;
}

afterEach(async () => {
  cleanup();
  await act(() => setLocale('en'));
});

describe('the service map source', () => {
  it('parses into one node per monitor with generated ids, the parent edges, and nothing a name asked for', async () => {
    const { source, nodes } = serviceMapDiagram(HOSTILE, (status) => status.toUpperCase());
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
    const db = diagram.db as unknown as FlowDb;
    const vertices = db.getVertices();
    expect([...vertices.keys()]).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(nodes.map(({ node, monitor }) => [node, monitor.id])).toEqual([
      ['m0', 'a'],
      ['m1', 'b'],
      ['m2', 'c'],
      ['m3', 'd'],
      ['m4', 'e'],
    ]);
    expect(db.getEdges().map((edge) => `${edge.start}->${edge.end}`)).toEqual(['m0->m1', 'm0->m2', 'm3->m4']);
    expect([...vertices.values()].map((vertex) => vertex.classes)).toEqual([
      ['st-down'],
      ['st-parent'],
      ['st-up'],
      ['st-maint'],
      ['st-pending'],
    ]);
    // Each whole name stayed inside its own label (mermaid holds #lt; as its placeholder ﬂ°lt¶ß until drawn).
    expect(vertices.get('m0')?.text).toBe('\u201D]:::x --\uFB02\u00B0gt\u00B6\u00DF y<br>DOWN');
    expect(vertices.get('m2')?.text).toBe(
      '\uFB02\u00B0lt\u00B6\u00DFimg src=x onerror=alert(1)\uFB02\u00B0gt\u00B6\u00DF<br>UP',
    );
    expect(vertices.get('m3')?.text).toBe('click m0 call alert()<br>MAINTENANCE');
    expect(new Set([...vertices.values()].map((vertex) => vertex.type))).toEqual(new Set(['round']));
    for (const vertex of vertices.values()) expect(db.getTooltip(vertex.id)).toBeUndefined();
    // The directive in a name was not applied: the label keeps it as text.
    expect(vertices.get('m1')?.text).toContain('securityLevel');
    expect(mermaid.mermaidAPI.getConfig().securityLevel).toBe('strict');
  });
});

describe('the service map', () => {
  it('says so and shows the monitors as a list when mermaid fails', async () => {
    render(<ServiceMap monitors={HOSTILE} />);
    expect((await screen.findByTestId('service-map-failed')).textContent).toBe(
      'The map could not be drawn; here are the monitors as a list.',
    );
    const items = screen.getByTestId('service-map-list').querySelectorAll('li');
    expect([...items].map((item) => item.textContent)).toEqual([
      '"]:::x --> y: Down',
      '%%{init: {"securityLevel":"loose"}}%%: Down (parent) ← "]:::x --> y',
      '<img src=x onerror=alert(1)>: Up ← "]:::x --> y',
      'click m0 call alert(): Maintenance',
      'line\nbreak `tick` #quot; 100%: Pending ← click m0 call alert()',
    ]);
    expect(screen.getByTestId('service-map').querySelector('img')).toBeNull();
  });

  it('in French too', async () => {
    await act(() => setLocale('fr'));
    render(<ServiceMap monitors={HOSTILE.slice(2, 3)} />);
    expect((await screen.findByTestId('service-map-failed')).textContent).toBe(
      'La carte n’a pas pu être dessinée ; voici les moniteurs sous forme de liste.',
    );
    expect(screen.getByTestId('service-map-list').textContent).toBe('<img src=x onerror=alert(1)>: Opérationnel');
  });
});

import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { MAX_YAML_BYTES, readYamlFile, readYamlText, utf8Length, type FileRefusal } from './read-yaml';
import { refusalText } from './refusal-text';

const MIB = 1024 * 1024;

/** A file whose content must never be touched: every way of reading it throws. */
class UnreadableFile extends File {
  constructor(
    name: string,
    private readonly claimedSize: number,
  ) {
    super([], name, { type: 'application/yaml' });
  }
  override get size(): number {
    return this.claimedSize;
  }
  override text(): Promise<string> {
    throw new Error('the file was read');
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    throw new Error('the file was read');
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    throw new Error('the file was read');
  }
  override slice(): Blob {
    throw new Error('the file was read');
  }
}

/** A file of `content`; jsdom's Blob has no text(), which the window's (and the worker's) has. */
class YamlFile extends File {
  constructor(
    private readonly content: string,
    name: string,
  ) {
    super([content], name, { type: 'application/yaml' });
  }
  override text(): Promise<string> {
    return Promise.resolve(this.content);
  }
}

const MONITORS = `monitors:
  - id: api
    name: API
    type: http
    url: https://api.example.com/health
`;

/** `text` padded with a YAML comment to exactly `bytes` bytes. */
function padded(text: string, bytes: number): string {
  return `${text}#${'x'.repeat(bytes - utf8Length(text) - 2)}\n`;
}

function sentence(refusal: FileRefusal, locale: 'en' | 'fr'): string {
  return refusalText(refusal, locale, i18n.getFixedT(locale));
}

describe('reading an imported YAML file', () => {
  it('refuses a file of 1 MiB and one byte from its size, without reading any of it', async () => {
    const outcome = await readYamlFile('monitors', new UnreadableFile('big.yaml', MAX_YAML_BYTES + 1));
    expect(outcome).toEqual({
      ok: false,
      refusal: { reason: 'too-large', name: 'big.yaml', size: MIB + 1, limit: MIB },
    });
  });

  it('refuses a real file one byte over the limit on every importer', async () => {
    const file = new YamlFile(padded(MONITORS, MIB + 1), 'monitors.yaml');
    expect(file.size).toBe(MIB + 1);
    for (const kind of ['monitors', 'runbook', 'scenario', 'processes'] as const) {
      const outcome = await readYamlFile(kind, file);
      expect(outcome.ok ? null : outcome.refusal.reason, kind).toBe('too-large');
    }
  });

  it('reads a file of exactly 1 MiB with its importer', async () => {
    const file = new YamlFile(padded(MONITORS, MIB), 'monitors.yaml');
    expect(file.size).toBe(MIB);
    const outcome = await readYamlFile('monitors', file);
    expect(outcome.ok && outcome.result.ok && outcome.result.monitors.map((monitor) => monitor.id)).toEqual(['api']);
  });

  it('keeps each importer’s line and reason for a file it refuses', async () => {
    const broken = 'id: x\ntitle: [unclosed\n';
    for (const kind of ['monitors', 'runbook', 'scenario', 'processes'] as const) {
      const outcome = await readYamlFile(kind, new YamlFile(broken, `${kind}.yaml`));
      if (!outcome.ok || outcome.result.ok) throw new Error(`${kind}: expected a refusal by the importer`);
      expect(outcome.result.error.line, kind).toBeGreaterThanOrEqual(2);
      expect(outcome.result.error.message, kind).not.toBe('');
    }
  });

  it('refuses pasted text over 1 MiB in UTF-8, even when it has fewer characters than that', async () => {
    const euros = '€'.repeat(Math.floor(MIB / 3) + 1);
    expect(euros.length).toBeLessThan(MIB);
    expect(await readYamlText('scenario', euros)).toEqual({
      ok: false,
      refusal: { reason: 'too-large', name: null, size: utf8Length(euros), limit: MIB },
    });
    const outcome = await readYamlText('monitors', MONITORS);
    expect(outcome.ok && outcome.result.ok).toBe(true);
  });

  it('counts UTF-8 bytes as an encoder does, surrogate pairs and lone halves included', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a😀é€\n', '\ud800', '\udc00x', 'x\ud800']) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});

describe('the words of a refusal', () => {
  const big: FileRefusal = { reason: 'too-large', name: 'big.yaml', size: 50 * MIB, limit: MIB };

  it('gives the file’s size and the limit, in English and in French', () => {
    expect(sentence(big, 'en')).toBe(
      '“big.yaml” is 50 MiB: a file imported here can be at most 1 MiB. It was not read, and nothing was imported.',
    );
    expect(sentence(big, 'fr')).toBe(
      '« big.yaml » fait 50 Mio : un fichier importé ici ne peut pas dépasser 1 Mio. Il n’a pas été lu et rien n’a été importé.',
    );
  });

  it('says exact bytes when the rounded sizes would read the same', () => {
    const justOver: FileRefusal = { ...big, size: MIB + 1 };
    expect(sentence(justOver, 'en')).toContain(
      'is 1,048,577 bytes: a file imported here can be at most 1,048,576 bytes',
    );
    expect(sentence(justOver, 'fr').replace(/\s/g, ' ')).toContain('fait 1 048 577 octets');
  });

  it('speaks of pasted text without a name, and rounds fractions to one decimal', () => {
    const text: FileRefusal = { reason: 'too-large', name: null, size: 1.5 * MIB, limit: MIB };
    expect(sentence(text, 'en')).toBe(
      'The text is 1.5 MiB: at most 1 MiB can be imported at once. Nothing was imported.',
    );
    expect(sentence(text, 'fr')).toContain('Le texte fait 1,5 Mio');
  });
});

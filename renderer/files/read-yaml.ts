// Every YAML file or text the window imports (monitors, runbooks, exercise
// scenarios, business processes) comes through here. A file over the limit is
// refused from its size alone, before a byte of it is read: reading and parsing
// 50 MB took the window 30–60 s to refuse. The rest is read, parsed and
// checked in a worker, so the window stays responsive while it happens.
import { MAX_OPENED_FILE_BYTES } from '../../common/bridge/shell-contract';
import { createLogger } from '../log';
import {
  parseYamlSource,
  type YamlKind,
  type YamlParseRequest,
  type YamlParseResponse,
  type YamlResult,
} from './yaml-parsers';

/** The largest YAML file or text imported, the same as a file opened from the system: far beyond any real one. */
export const MAX_YAML_BYTES = MAX_OPENED_FILE_BYTES;

/** Why a file or text was refused before its importer could say anything about it. */
export type FileRefusal =
  | { readonly reason: 'too-large'; readonly name: string | null; readonly size: number; readonly limit: number }
  | { readonly reason: 'unreadable'; readonly name: string | null; readonly message: string };

export type ReadYamlOutcome<K extends YamlKind> =
  { readonly ok: true; readonly result: YamlResult<K> } | { readonly ok: false; readonly refusal: FileRefusal };

const log = createLogger('yaml-import');

/** The bytes `text` takes in UTF-8, counted without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is one character of four bytes.
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

function parseInWorker(request: YamlParseRequest): Promise<YamlParseResponse> {
  return new Promise((resolve) => {
    // Vite bundles the worker as its own chunk from this exact `new Worker(new URL(…, import.meta.url))` form.
    const worker = new Worker(new URL('./parse-yaml.worker.ts', import.meta.url), {
      type: 'module',
      name: 'yaml-import',
    });
    const settle = (response: YamlParseResponse) => {
      worker.terminate();
      resolve(response);
    };
    worker.addEventListener('message', (event: MessageEvent<YamlParseResponse>) => settle(event.data));
    worker.addEventListener('messageerror', () => settle({ ok: false, message: 'the file reader answered garbage' }));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      log.error('the YAML worker failed', event.message);
      settle({ ok: false, message: event.message || 'the file reader did not start' });
    });
    worker.postMessage(request);
  });
}

async function parse<K extends YamlKind>(
  kind: K,
  source: Blob | string,
  name: string | null,
): Promise<ReadYamlOutcome<K>> {
  const request: YamlParseRequest = { kind, source };
  // jsdom (the unit tests) has no Worker; a window always has one, and uses it.
  const response = typeof Worker === 'undefined' ? await parseYamlSource(request) : await parseInWorker(request);
  if (!response.ok) return { ok: false, refusal: { reason: 'unreadable', name, message: response.message } };
  // The worker ran YAML_PARSERS[kind] on it: the result is that importer's.
  return { ok: true, result: response.result as YamlResult<K> };
}

/** Reads a picked file with the importer of `kind`, or refuses it unread when it is over the limit. */
export function readYamlFile<K extends YamlKind>(kind: K, file: File): Promise<ReadYamlOutcome<K>> {
  // The size came with the file from the file system: checking it reads nothing.
  if (file.size > MAX_YAML_BYTES) {
    return Promise.resolve({
      ok: false,
      refusal: { reason: 'too-large', name: file.name, size: file.size, limit: MAX_YAML_BYTES },
    });
  }
  return parse(kind, file, file.name);
}

/** Reads pasted or typed YAML (or an opened file's text, with its name) under the same limit as a file. */
export function readYamlText<K extends YamlKind>(
  kind: K,
  text: string,
  name: string | null = null,
): Promise<ReadYamlOutcome<K>> {
  const size = utf8Length(text);
  if (size > MAX_YAML_BYTES) {
    return Promise.resolve({ ok: false, refusal: { reason: 'too-large', name, size, limit: MAX_YAML_BYTES } });
  }
  return parse(kind, text, name);
}

import { describe, expect, it } from 'vitest';
import { parseJsonPath, readJsonPath } from './json-path';

describe('json path', () => {
  const body = { status: 'ok', checks: [{ name: 'db', ok: true }], 'odd key': 0 };

  it('reads fields, indexes and quoted keys', () => {
    expect(readJsonPath(body, '$.status')).toEqual({ found: true, value: 'ok' });
    expect(readJsonPath(body, '$.checks[0].ok')).toEqual({ found: true, value: true });
    expect(readJsonPath(body, '$["odd key"]')).toEqual({ found: true, value: 0 });
    expect(readJsonPath(body, '$')).toEqual({ found: true, value: body });
  });

  it('reports what is missing rather than throwing', () => {
    expect(readJsonPath(body, '$.checks[3].ok')).toEqual({ found: false });
    expect(readJsonPath(body, '$.status.deeper')).toEqual({ found: false });
    expect(readJsonPath(body, '$.toString')).toEqual({ found: false });
    expect(parseJsonPath('status')).toBeNull();
    expect(parseJsonPath('$..status')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { exportMonitorsYaml, parseMonitorsYaml } from './monitor-yaml';

const VALID = `# The shop and what it needs
monitors:
  - id: shop
    name: Web shop
    type: http
    url: https://shop.example.com/health
    interval: 5
    headers:
      Authorization: { secret: shop-token }
    keyword: { text: ok }
    json: { path: '$.checks[0].status', equals: up }
    maintenance:
      - repeat: weekly
        days: [sun]
        from: "02:00"
        to: "04:00"
        timeZone: Europe/Paris
  - id: payments
    name: Payment API
    type: tcp
    host: 10.0.0.12
    port: 443
    parent: shop
  - id: backup
    name: Nightly backup
    type: heartbeat
    every: 86400
    grace: 7200
    token: { secret: backup-beat }
  - id: api-token-in-url
    name: Status API
    type: http
    url: ["https://api.example.com/status?token=", { secret: status-token }]
`;

function refusal(text: string) {
  const result = parseMonitorsYaml(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result;
}

describe('parseMonitorsYaml', () => {
  it('reads a valid file and fills in the defaults', () => {
    const result = parseMonitorsYaml(VALID);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.monitors.map((monitor) => monitor.id)).toEqual(['shop', 'payments', 'backup', 'api-token-in-url']);
    const shop = result.monitors[0]!;
    expect(shop).toMatchObject({ failureThreshold: 3, successThreshold: 2, timeout: 10, expectedStatus: ['2xx'] });
    expect(shop.type === 'http' && shop.headers?.Authorization).toEqual({ secret: 'shop-token' });
  });

  it('round-trips through export', () => {
    const first = parseMonitorsYaml(VALID);
    if (!first.ok) throw new Error('valid file refused');
    const again = parseMonitorsYaml(exportMonitorsYaml(first.monitors));
    expect(again).toEqual(first);
  });

  it('points at an unknown field by line and column', () => {
    const result = refusal(VALID.replace('    interval: 5\n', '    intervall: 5\n'));
    expect(result.error).toMatchObject({ line: 7, column: 5, field: 'intervall' });
    expect(result.error.message).toBe('unknown field intervall');
  });

  it('says which field is missing, at the monitor that lacks it', () => {
    const result = refusal(VALID.replace('    port: 443\n', ''));
    expect(result.error).toMatchObject({ line: 18, column: 5, field: 'port', message: 'port is required' });
  });

  it('words wrong types, ranges and enums plainly', () => {
    expect(refusal(VALID.replace('interval: 5', 'interval: 0.5')).error.message).toBe('interval must be at least 1');
    expect(refusal(VALID.replace('port: 443', 'port: https')).error.message).toBe('port must be a number');
    expect(refusal(VALID.replace('port: 443', 'port: 44.3')).error.message).toBe('port must be a whole number');
    expect(refusal(VALID.replace('type: tcp', 'type: tcpp')).error.message).toBe(
      'type must be one of: http, tcp, dns, ping, prometheus, heartbeat',
    );
    const zone = refusal(VALID.replace('Europe/Paris', 'Europe/Pariss')).error;
    expect(zone).toMatchObject({ line: 17, field: 'maintenance[0].timeZone' });
    expect(zone.message).toBe('unknown time zone Europe/Pariss');
    expect(refusal(VALID.replace('"02:00"', '"2h"')).error.message).toBe(
      'maintenance[0].from must be a time such as 02:30',
    );
  });

  it('refuses credentials written in clear, in headers and in URLs', () => {
    const header = refusal(VALID.replace('{ secret: shop-token }', 'Bearer abc123')).error;
    expect(header).toMatchObject({ line: 9, field: 'headers.Authorization' });
    expect(header.message).toContain('keep it in the secret store');
    const url = refusal(
      VALID.replace('https://shop.example.com/health', 'https://bob:hunter2@shop.example.com/health'),
    );
    expect(url.error).toMatchObject({ line: 6, field: 'url' });
    expect(refusal(VALID.replace('/status?token=', '/status?token=abc&x=')).error.field).toBe('url');
  });

  it('checks ids and parents across the file', () => {
    expect(refusal(VALID.replace('id: payments', 'id: shop')).error.message).toBe(
      'the id shop is used by two monitors',
    );
    expect(refusal(VALID.replace('parent: shop', 'parent: shopp')).error).toMatchObject({
      line: 23,
      message: 'the parent shopp is not a monitor of this file',
    });
    const cycle = VALID.replace('    interval: 5\n', '    interval: 5\n    parent: payments\n');
    expect(refusal(cycle).error.message).toContain('its own ancestor');
  });

  it('reports YAML syntax errors with their position, and every problem in file order', () => {
    const syntax = refusal('monitors:\n  - id: a\n    name: [unclosed\n');
    expect(syntax.error.line).toBeGreaterThanOrEqual(3);
    expect(syntax.error.message).toMatch(/^the file is not valid YAML/);
    const many = refusal(VALID.replace('port: 443', 'port: 0').replace('interval: 5', 'interval: -1'));
    expect(many.errors.map((problem) => problem.field)).toEqual(['interval', 'port']);
  });

  it('refuses a file that is not a monitors map', () => {
    expect(refusal('- just a list\n').error.message).toBe('the file must hold a monitors: list');
    expect(refusal('{}\n').error.message).toBe('monitors is required');
    expect(refusal('monitors: 3\n').error.message).toBe('monitors must be a list');
  });
});

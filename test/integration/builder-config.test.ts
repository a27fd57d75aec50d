// The packaging config, checked where no package can be built (electron-builder's
// native rebuild wants a newer Node, and no Electron binary can be fetched here):
// electron-builder's own validation and schema, the fuses the checklist asks for,
// the targets, and the icons and file associations it points at.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'app-builder-lib';
import { parse } from 'yaml';
import { isOpenableFileName } from '../../main/electron/open-file';

const ROOT = join(__dirname, '..', '..');

interface BuilderConfig {
  readonly [key: string]: unknown;
  readonly icon: string;
  readonly files: readonly string[];
  readonly electronFuses: Record<string, boolean>;
  readonly fileAssociations: readonly { ext: string | readonly string[]; name: string }[];
  readonly directories: { buildResources: string };
  readonly linux: { target: readonly string[]; icon: string };
  readonly win: { target: readonly string[] };
  readonly mac: { target: readonly string[] };
  readonly nsis: { perMachine: boolean };
}

type Validate = (config: unknown) => Promise<void>;

async function loadConfig(): Promise<BuilderConfig> {
  return parse(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

async function validator(): Promise<Validate> {
  const { validateConfiguration } = await import('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = await import('builder-util');
  // The file is parsed YAML: the validator is what decides whether it is a Configuration.
  return (config) => validateConfiguration(config as Configuration, new DebugLogger(false));
}

/** Width and height from a PNG's IHDR chunk; throws if the file is not a PNG. */
async function pngSize(path: string): Promise<{ width: number; height: number }> {
  const bytes = await readFile(path);
  if (bytes.subarray(1, 4).toString('latin1') !== 'PNG' || bytes.subarray(12, 16).toString('latin1') !== 'IHDR')
    throw new Error(`${path} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own validation, which refuses a misspelt option', async () => {
    const validate = await validator();
    const config = await loadConfig();
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(
      validate({ ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } }),
    ).rejects.toThrow(/Invalid configuration object/);
    await expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'yes' } })).rejects.toThrow();
  });

  it('sets every fuse the security checklist asks for', async () => {
    expect((await loadConfig()).electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds Linux (AppImage, deb), Windows (NSIS) and macOS (dmg) from the built app', async () => {
    const config = await loadConfig();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.asar).toBe(true);
    const main = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
    expect(main).toMatch(/^out\//);
    expect(config.files).toContain('out/**');
    expect(config.files).toContain('package.json');
  });

  it('points at icons that exist, large enough to derive .ico and .icns from', async () => {
    const config = await loadConfig();
    expect(await pngSize(join(ROOT, config.icon))).toEqual({ width: 512, height: 512 });
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(await pngSize(join(ROOT, config.linux.icon, `${size}x${size}.png`))).toEqual({
        width: size,
        height: size,
      });
    expect((await stat(join(ROOT, config.directories.buildResources))).isDirectory()).toBe(true);
    // The window and tray icon ship with the renderer.
    expect(await pngSize(join(ROOT, 'renderer', 'public', 'app-icon.png'))).toEqual({ width: 256, height: 256 });
  });

  it('associates runbook and scenario files the app knows how to open', async () => {
    const config = await loadConfig();
    const extensions = config.fileAssociations.flatMap((association) =>
      typeof association.ext === 'string' ? [association.ext] : [...association.ext],
    );
    expect(extensions).toEqual(['yaml', 'yml']);
    for (const ext of extensions) expect(isOpenableFileName(`runbook.${ext}`), ext).toBe(true);
    // Windows registers associations only for a per-machine install.
    expect(config.nsis.perMachine).toBe(true);
  });
});

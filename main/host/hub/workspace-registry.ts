// The hub's workspaces and their access tokens, in the hub's database (so any
// number of hub processes on one PostgreSQL agree). A token is shown once, when
// it is made; only its SHA-256 is stored, so a leaked database does not leak
// access. Tokens are 256 random bits: a plain hash suffices, no slow KDF needed,
// and looking one up by its hash gives nothing away through timing.
import { createHash, randomBytes } from 'node:crypto';
import { runMigrations, type Migration } from '../store/migrations';
import type { SqlClient } from '../store/sql-client';
import { WORKSPACE_ID_PATTERN } from './hub-protocol';

const TOKEN_PREFIX = 'wrh_';
const TOKEN_PATTERN = /^wrh_[A-Za-z0-9_-]{43}$/;

export const HUB_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE hub_workspaces (
        id text COLLATE "C" PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
];

export function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type RegistryError =
  | { readonly code: 'invalid-id'; readonly message: string }
  | { readonly code: 'exists'; readonly message: string }
  | { readonly code: 'not-found'; readonly message: string };

export type TokenResult = { ok: true; token: string } | { ok: false; error: RegistryError };

/** What a token grants on a workspace. */
export type Access = 'granted' | 'unknown-token' | 'other-workspace';

export interface WorkspaceInfo {
  readonly id: string;
  readonly createdAt: string;
}

export class WorkspaceRegistry {
  private constructor(private readonly client: SqlClient) {}

  static async open(client: SqlClient): Promise<WorkspaceRegistry> {
    await runMigrations(client, 'hub', HUB_MIGRATIONS);
    return new WorkspaceRegistry(client);
  }

  /** Creates a workspace; its token is in the result and nowhere else. */
  async add(id: string): Promise<TokenResult> {
    if (!WORKSPACE_ID_PATTERN.test(id)) {
      return {
        ok: false,
        error: {
          code: 'invalid-id',
          message: `"${id}" is not a workspace id: 1 to 64 letters, digits, '.', '_' or '-'`,
        },
      };
    }
    const token = newToken();
    const rows = await this.client.query<{ id: string }>(
      'INSERT INTO hub_workspaces (id, token_hash) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id',
      [id, hashToken(token)],
    );
    if (rows.length === 0) return { ok: false, error: { code: 'exists', message: `workspace "${id}" exists` } };
    return { ok: true, token };
  }

  /** Replaces a workspace's token: the old one stops working at once, on every hub process. */
  async rotateToken(id: string): Promise<TokenResult> {
    const token = newToken();
    const rows = await this.client.query<{ id: string }>(
      'UPDATE hub_workspaces SET token_hash = $2 WHERE id = $1 RETURNING id',
      [id, hashToken(token)],
    );
    if (rows.length === 0) return { ok: false, error: { code: 'not-found', message: `no workspace "${id}"` } };
    return { ok: true, token };
  }

  async list(): Promise<WorkspaceInfo[]> {
    const rows = await this.client.query<{ id: string; created_at: string }>(
      `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
       FROM hub_workspaces ORDER BY id`,
    );
    return rows.map((row) => ({ id: row.id, createdAt: row.created_at }));
  }

  async access(token: string | null, workspace: string): Promise<Access> {
    if (token === null || !TOKEN_PATTERN.test(token)) return 'unknown-token';
    const rows = await this.client.query<{ id: string }>('SELECT id FROM hub_workspaces WHERE token_hash = $1', [
      hashToken(token),
    ]);
    const owner = rows[0]?.id;
    if (owner === undefined) return 'unknown-token';
    return owner === workspace ? 'granted' : 'other-workspace';
  }
}

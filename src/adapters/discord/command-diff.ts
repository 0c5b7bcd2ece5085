/**
 * What a registration changes: the commands Discord has now (GET, with localizations) against
 * the ones about to be written, by name. Both sides are reduced to the fields a user can see or
 * that change behaviour, with Discord's defaults filled in, so a command Discord echoes back with
 * ids, versions and `required: false` compares equal to the JSON that created it.
 */
import type { CommandJson } from './command-json.ts';

export type ChangeKind = 'added' | 'updated' | 'removed' | 'unchanged';

export interface CommandChange {
  name: string;
  kind: ChangeKind;
  /** For updates: the top-level fields that differ (`options`, `description_localizations`…). */
  fields: string[];
}

export interface CommandDiff {
  changes: CommandChange[];
  counts: Record<ChangeKind, number>;
  /** True when writing would change nothing. */
  upToDate: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function localizations(value: unknown): Json {
  if (typeof value !== 'object' || value === null) return {};
  const entries = Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

function choice(value: unknown): Json {
  const raw = (value ?? {}) as Record<string, unknown>;
  return { name: String(raw['name'] ?? ''), name_localizations: localizations(raw['name_localizations']), value: (raw['value'] as string | number | undefined) ?? null };
}

function option(value: unknown): Json {
  const raw = (value ?? {}) as Record<string, unknown>;
  const numberOrNull = (field: string): Json => (typeof raw[field] === 'number' ? (raw[field] as number) : null);
  return {
    type: typeof raw['type'] === 'number' ? raw['type'] : null,
    name: String(raw['name'] ?? ''),
    name_localizations: localizations(raw['name_localizations']),
    description: String(raw['description'] ?? ''),
    description_localizations: localizations(raw['description_localizations']),
    required: raw['required'] === true,
    autocomplete: raw['autocomplete'] === true,
    choices: Array.isArray(raw['choices']) ? raw['choices'].map(choice) : [],
    min_value: numberOrNull('min_value'),
    max_value: numberOrNull('max_value'),
    min_length: numberOrNull('min_length'),
    max_length: numberOrNull('max_length'),
    channel_types: Array.isArray(raw['channel_types']) ? [...(raw['channel_types'] as number[])].sort((a, b) => a - b) : [],
    options: Array.isArray(raw['options']) ? raw['options'].map(option) : [],
  };
}

/** A command as comparable JSON; `scope` decides whether DM availability is part of it. */
export function normalizeCommand(value: unknown, scope: 'global' | 'guild'): Record<string, Json> {
  const raw = (value ?? {}) as Record<string, unknown>;
  const normalized: Record<string, Json> = {
    type: typeof raw['type'] === 'number' ? raw['type'] : 1,
    name: String(raw['name'] ?? ''),
    name_localizations: localizations(raw['name_localizations']),
    description: String(raw['description'] ?? ''),
    description_localizations: localizations(raw['description_localizations']),
    options: Array.isArray(raw['options']) ? raw['options'].map(option) : [],
    default_member_permissions: typeof raw['default_member_permissions'] === 'string' ? raw['default_member_permissions'] : null,
    nsfw: raw['nsfw'] === true,
  };
  if (scope === 'global') {
    // Discord's default when `contexts` is absent: servers and DMs (and group DMs for user installs).
    normalized['contexts'] = Array.isArray(raw['contexts']) ? [...(raw['contexts'] as number[])].sort((a, b) => a - b) : null;
    normalized['integration_types'] = Array.isArray(raw['integration_types']) ? [...(raw['integration_types'] as number[])].sort((a, b) => a - b) : [0];
  }
  return normalized;
}

function same(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffCommands(current: readonly unknown[], desired: readonly CommandJson[], scope: 'global' | 'guild'): CommandDiff {
  const before = new Map(current.map((command) => {
    const normalized = normalizeCommand(command, scope);
    return [normalized['name'] as string, normalized] as const;
  }));
  const changes: CommandChange[] = [];
  for (const command of desired) {
    const after = normalizeCommand(command, scope);
    const name = after['name'] as string;
    const existing = before.get(name);
    before.delete(name);
    if (!existing) {
      changes.push({ name, kind: 'added', fields: [] });
      continue;
    }
    const fields = Object.keys(after).filter((field) => !same(existing[field] ?? null, after[field] ?? null));
    changes.push({ name, kind: fields.length > 0 ? 'updated' : 'unchanged', fields });
  }
  for (const name of before.keys()) changes.push({ name, kind: 'removed', fields: [] });
  const counts: Record<ChangeKind, number> = { added: 0, updated: 0, removed: 0, unchanged: 0 };
  for (const change of changes) counts[change.kind]++;
  return { changes, counts, upToDate: counts.added + counts.updated + counts.removed === 0 };
}

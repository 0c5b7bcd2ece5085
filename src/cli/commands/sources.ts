/**
 * `mowjaz sources list|import <file.opml>|export`: the operator's side of live sources, against
 * the configured store (the same one the bot uses).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { parseOpml, toOpml } from '../../sources/opml.ts';
import { openStore } from '../../store/index.ts';
import { CliError } from '../cli-error.ts';
import type { CliCommand } from '../command.ts';
import { decodeText, readInputBytes } from '../input.ts';

const USAGE = 'usage: mowjaz sources list | import <feeds.opml|-> [--language ar|en] [--interval minutes] | export';

export const sourcesCliCommand: CliCommand = {
  name: 'sources',
  summary: 'list live sources, import them from OPML, export them as OPML',
  async run(args, io) {
    let parsed: ReturnType<typeof parseArgs<{ options: { language: { type: 'string' }; interval: { type: 'string' } }; allowPositionals: true }>>;
    try {
      parsed = parseArgs({ args, options: { language: { type: 'string' }, interval: { type: 'string' } }, allowPositionals: true });
    } catch (error) {
      throw new CliError(`${(error as Error).message}\n${USAGE}`);
    }
    const [action, file] = parsed.positionals;
    const language = parsed.values.language ?? 'en';
    if (language !== 'ar' && language !== 'en') throw new CliError('--language must be ar or en');
    const interval = parsed.values.interval === undefined ? undefined : Number(parsed.values.interval);
    if (interval !== undefined && (!Number.isInteger(interval) || interval < 5 || interval > 1440)) throw new CliError('--interval must be a whole number of minutes from 5 to 1440');
    if (action !== 'list' && action !== 'import' && action !== 'export') throw new CliError(USAGE);
    if (action === 'import' && !file) throw new CliError(`import needs an OPML file\n${USAGE}`);

    let config;
    try {
      config = loadConfig(process.env);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const store = await openStore(config.store);
    try {
      if (action === 'list') {
        for (const source of await store.listSources()) {
          io.stdout(`${source.id}\t${source.status}\t${source.kind}\t${source.language}\t${source.pollMinutes}m\t${source.url}${source.pausedReason ? `\t(${source.pausedReason})` : ''}\n`);
        }
        return 0;
      }
      if (action === 'export') {
        io.stdout(toOpml(await store.listSources()));
        return 0;
      }
      const text = decodeText(await readInputBytes(file ?? '-', io), file ?? 'stdin');
      const existing = await store.listSources();
      const known = new Set(existing.map((source) => source.url));
      const result = parseOpml(text, { language, ...(interval ? { pollMinutes: interval } : {}), takenIds: existing.map((source) => source.id) });
      let added = 0;
      for (const source of result.sources) {
        if (known.has(source.url)) continue;
        await store.upsertSource({ ...source, addedBy: 'opml-import' });
        added += 1;
      }
      for (const rejected of result.rejected) io.stderr(`skipped ${rejected.url}: ${rejected.reason}\n`);
      io.stdout(`imported ${added} new source(s); ${result.sources.length - added} already present; ${result.rejected.length} skipped\n`);
      return result.sources.length === 0 && result.rejected.length > 0 ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};

/**
 * Rendering throughput of each renderer: briefings/s and items/s, on realistic 10-item Arabic
 * briefings built from ../shared/news-sample (one item per event group, its outlets as sources)
 * and on a hostile briefing (markup, mentions, bidi overrides, a 10,000-character sentence,
 * thousands of emoji, unsafe URLs) whose items must be cut to fit.
 *
 * Times are CPU time of the process (`process.cpuUsage`), as the other suites report them, so
 * that other work on a shared machine does not inflate them; wall time is printed alongside.
 */
import { renderDiscord } from '../src/core/render/discord.ts';
import { renderTelegram, renderTelegramPlain } from '../src/core/render/telegram.ts';
import { renderText } from '../src/core/render/text.ts';
import type { Briefing } from '../src/core/types.ts';
import { hasNewsSample, hostileBriefing, newsSampleBriefing } from '../test/support/briefing-fixtures.ts';
import type { BenchSuite } from './run.ts';

const RENDERERS: Array<[string, (briefing: Briefing) => unknown[] | string]> = [
  ['telegram (HTML)', (b) => renderTelegram(b)],
  ['telegram (plain fallback)', (b) => renderTelegramPlain(b)],
  ['discord', (b) => renderDiscord(b)],
  ['text', (b) => renderText(b)],
];

interface Figures {
  cpuMs: number;
  wallMs: number;
  rounds: number;
  messages: number;
}

function measure(render: (briefing: Briefing) => unknown[] | string, briefings: readonly Briefing[], rounds: number): Figures {
  for (const briefing of briefings) render(briefing);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  let messages = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const briefing of briefings) {
      const out = render(briefing);
      messages += Array.isArray(out) ? out.length : 1;
    }
  }
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall, rounds, messages: messages / rounds / briefings.length };
}

function report(label: string, briefings: readonly Briefing[], rounds: number): void {
  const items = briefings.reduce((sum, b) => sum + b.items.length, 0);
  console.log(`\n${label}: ${briefings.length} briefing(s), ${items} items, ${rounds} rounds`);
  console.log('| renderer | briefings/s | items/s | CPU per briefing | messages per briefing | wall/CPU |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, render] of RENDERERS) {
    const f = measure(render, briefings, rounds);
    const perBriefing = f.cpuMs / (rounds * briefings.length);
    const perSecond = 1000 / perBriefing;
    console.log(
      `| ${name} | ${perSecond.toFixed(0)} | ${((perSecond * items) / briefings.length).toFixed(0)} | ${perBriefing.toFixed(2)} ms | ${f.messages.toFixed(1)} | ${(f.wallMs / f.cpuMs).toFixed(2)} |`,
    );
  }
}

export const renderBench: BenchSuite = {
  name: 'render',
  async run() {
    if (!hasNewsSample()) {
      console.log('skipped: ../shared/news-sample is absent (set MOWJAZ_SHARED_DIR)');
      return;
    }
    const realistic = newsSampleBriefing(10);
    // Ten briefings that differ in item order, so no renderer sees one input only.
    const rotations = Array.from({ length: 10 }, (_, i) => ({ ...realistic, items: [...realistic.items.slice(i), ...realistic.items.slice(0, i)] }));
    report('realistic Arabic briefings (news sample)', rotations, 30);
    report('hostile briefing', [hostileBriefing()], 20);
  },
};

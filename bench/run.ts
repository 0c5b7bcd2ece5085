/**
 * `npm run bench`: every benchmark in one run, printing figures and ratios measured together.
 * Pass names to run a subset: `npm run bench -- pipeline clustering`.
 */
export interface BenchSuite {
  name: string;
  run(): Promise<void>;
}

const SUITES: Record<string, () => Promise<BenchSuite>> = {
  clustering: async () => (await import('./clustering.ts')).clusteringBench,
  digests: async () => (await import('./digests.ts')).digestsBench,
  discord: async () => (await import('./discord.ts')).discordBench,
  pipeline: async () => (await import('./pipeline.ts')).pipelineBench,
  render: async () => (await import('./render.ts')).renderBench,
  sender: async () => (await import('./sender.ts')).senderBench,
  sources: async () => (await import('./sources.ts')).sourcesBench,
  store: async () => (await import('./store.ts')).storeBench,
  telegram: async () => (await import('./telegram.ts')).telegramBench,
  topics: async () => (await import('./topics.ts')).topicsBench,
};

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(SUITES);
console.log(`mowjaz benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const name of names) {
  const load = SUITES[name];
  if (!load) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    process.exitCode = 2;
    continue;
  }
  const suite = await load();
  console.log(`\n== ${suite.name} ==`);
  await suite.run();
}

// `npm run bench [-- <name> [options]]`: runs one bench (its options passed on) or, with no name,
// every bench with its defaults — each in its own process, so one's load never lingers in the next.
// Benches are dev code: they live here, not in the shipped `hallq` CLI.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES: Record<string, string> = {
  'hub-load': 'hub load: 200 counters, 20 kiosks, 20 displays; ack and call→display latency, RSS, floors',
  'ticket-status': 'visitors\' phones: CPU to resend every watched ticket status after a change, scan vs one pass',
  'serial-line': 'serial line: SerialTransport + LineQueue over a socat pty, next to a real 9600-baud line',
  voice: 'hall voice in Chromium (clip engine): calls announced per minute per zone, call → shown and → first sound p50/p99, calls skipped, at 10/20/40/60 calls a minute',
  reports: 'reports on a year of a busy hall (2.5 M legs, 60 windows): a month\'s and a year\'s hall report, a month\'s XLSX; best of 3',
  fuzz: 'hostile clients: 100,000 messages of every type on every namespace of the real hub, then 100,000 reaches for other windows; crashes, state changes, audit growth, RSS',
};

const [name, ...args] = process.argv.slice(2);
if (name === '--help' || name === 'help') {
  console.log(`npm run bench [-- <name> [options]]\n${Object.entries(BENCHES).map(([n, d]) => `  ${n.padEnd(12)} ${d}`).join('\n')}`);
  process.exit(0);
}
if (name !== undefined && !(name in BENCHES)) {
  console.error(`bench: unknown bench '${name}' (known: ${Object.keys(BENCHES).join(', ')})`);
  process.exit(2);
}
const cwd = fileURLToPath(new URL('../', import.meta.url));
for (const bench of name === undefined ? Object.keys(BENCHES) : [name]) {
  console.log(`\n== bench ${bench} ==`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${bench}.ts`, ...(name === undefined ? [] : args)], { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// The server's load benchmark (issue 4): a recorded session of over 2M events streamed from a
// `refscope serve` on loopback, to 1 client and to 50 concurrent clients. Each client subscribes
// from 0, checks every frame starts where the previous one ended and that its last event is the
// one the count says, and counts events to `end`; the table gives events per second delivered
// (all clients together) and MB/s of JSON, and the events streamed per second of the server's own
// CPU time, which says more than wall time on a shared machine. Clients run in a child process,
// so the server has its own core when there is one.
//
//   npm run build && node scripts/bench-server.mjs [--events 2000000] [--clients 1,50]
//
// Run `npm run build` first; this measures the shipped bundles.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--client') await clientMain(process.argv.slice(3));
else await main();

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
  const engine = await import(path.join(root, 'packages/engine/dist/index.js'));
  const { RefscopeServer } = await import(path.join(root, 'packages/server/dist/index.js'));
  const want = Number(arg('--events', '2000000'));
  const counts = arg('--clients', '1,50').split(',').map(Number);

  // The allocation churn of scripts/bench.mjs, long enough for `want` events (about 42 each).
  const n = Math.ceil(want / 40);
  const source = [
    'keep = []',
    `for i in range(${n}):`,
    '    x = [i, str(i), (i, i)]',
    '    if i % 100 == 0:',
    '        keep.append(x)',
    'print(len(keep))',
    '',
  ].join('\n');
  const dir = mkdtempSync(path.join(tmpdir(), 'refscope-bench-server-'));
  let t0 = performance.now();
  const run = new engine.Engine(source, { filename: 'churn.py' });
  run.run();
  const events = run.log.length;
  writeFileSync(path.join(dir, 'churn.rsrec'), engine.encodeRecording(run.log, { program: 'churn.py', source }));
  const recordMs = performance.now() - t0;

  t0 = performance.now();
  const server = await RefscopeServer.start({ port: 0, dir });
  const session = server.hub.list().find((s) => s.name === 'churn.rsrec');
  void server.hub.session(session.id).log.length; // decoded on first use: do it before measuring
  const openMs = performance.now() - t0;

  const rows = [];
  try {
    for (const clients of counts) {
      for (const mode of clients === 1 ? ['count', 'parse'] : ['count']) {
        const cpu = process.cpuUsage();
        const r = await runClients(server.url, session.id, events, clients, mode);
        rows.push({ clients, mode, ...r, serverCpu: cpuSeconds(process.cpuUsage(cpu)) });
      }
    }
    // The same program run live in the server and followed from its first event: the engine's
    // speed and the streaming together.
    const cpu = process.cpuUsage();
    const r = await runClients(server.url, JSON.stringify(source), events, 1, 'live');
    rows.push({ clients: 1, mode: 'live', ...r, serverCpu: cpuSeconds(process.cpuUsage(cpu)) });
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const fmt = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  console.log(`refscope serve: a recorded session of ${fmt(events)} events (made in ${fmt(recordMs)} ms, opened in ${fmt(openMs)} ms)`);
  console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), clients in a child process`);
  console.log('');
  console.log('| clients | client check          | events/s (all clients) | per client  | MB/s   | wall ms | events per server CPU-s |');
  console.log('|--------:|-----------------------|-----------------------:|------------:|-------:|--------:|------------------------:|');
  for (const r of rows) {
    const check = { parse: 'JSON.parse each frame', count: 'count + continuity', live: 'live run, count' }[r.mode];
    console.log(
      `| ${String(r.clients).padStart(7)} | ${check.padEnd(21)} | ${fmt(r.eventsPerSec).padStart(22)} | ${fmt(r.eventsPerSec / r.clients).padStart(11)} | ${(r.bytes / r.ms / 1000).toFixed(0).padStart(6)} | ${fmt(r.ms).padStart(7)} | ${fmt((events * r.clients) / r.serverCpu).padStart(23)} |`,
    );
  }
}

/** User + system CPU time of a process.cpuUsage() difference, in seconds. */
function cpuSeconds(u) {
  return (u.user + u.system) / 1e6;
}

/** Runs `clients` subscribers in a child process; resolves with what they measured. */
function runClients(url, session, events, clients, mode) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [self, '--client', url, session, String(events), String(clients), mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench client exited with ${code}: ${out}`));
      resolve(JSON.parse(out));
    });
  });
}

/** The child: `clients` connections, each subscribing from 0 and checking the stream to `end`. */
async function clientMain([url, session, eventsText, clientsText, mode]) {
  const require = (await import('node:module')).createRequire(path.join(root, 'packages/server/package.json'));
  const WebSocket = require('ws');
  const events = Number(eventsText);
  const clients = Number(clientsText);
  // live: `session` is the program's source, run in the server and followed from event 0.
  const live = mode === 'live';
  const parse = mode === 'parse';
  const sockets = await Promise.all(
    Array.from({ length: clients }, () => new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    })),
  );
  const EVENT = Buffer.from('{"i":');
  const FROM = Buffer.from('"from":');
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(sockets.map((ws) => new Promise((resolve, reject) => {
    let next = 0;
    let started = !live;
    ws.on('message', (data) => {
      if (!started) {
        // The reply to run: follow the new session.
        started = true;
        const r = JSON.parse(data.toString('utf8'));
        if (r.type !== 'started') return reject(new Error(`run refused: ${data.toString('utf8')}`));
        return ws.send(JSON.stringify({ type: 'subscribe', session: r.session, from: 0 }));
      }
      bytes += data.length;
      if (parse) {
        const f = JSON.parse(data.toString('utf8'));
        if (f.type === 'end') return finish(f.total);
        if (f.type !== 'events' || f.from !== next || f.events[0]?.i !== next) return reject(new Error(`bad frame at ${next}`));
        next += f.events.length;
        return;
      }
      // count: the frame's `from`, the number of events, and the index of its last event.
      if (data.toString('latin1', 9, 12) === 'end') return finish(JSON.parse(data.toString('utf8')).total);
      const at = data.indexOf(FROM);
      if (at < 0) return reject(new Error(`not an events frame: ${data.toString('utf8', 0, 80)}`));
      const from = readInt(data, at + FROM.length);
      if (from !== next) return reject(new Error(`frame from ${from}, expected ${next}`));
      let count = 0;
      let last = -1;
      for (let p = data.indexOf(EVENT); p >= 0; p = data.indexOf(EVENT, p + EVENT.length)) {
        count++;
        last = p;
      }
      if (count === 0 || readInt(data, last + EVENT.length) !== from + count - 1) return reject(new Error(`frame at ${from} is not whole`));
      next += count;
    });
    function finish(total) {
      if (total !== events || next !== events) return reject(new Error(`got ${next} events of ${events} (end says ${total})`));
      ws.close();
      resolve();
    }
    if (live) ws.send(JSON.stringify({ type: 'run', name: 'churn.py', source: JSON.parse(session) }));
    else ws.send(JSON.stringify({ type: 'subscribe', session, from: 0 }));
  })));
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, bytes, eventsPerSec: (events * clients) / (ms / 1000) }));
  process.exit(0);
}

function readInt(buf, at) {
  let n = 0;
  for (let c = buf[at]; c >= 48 && c <= 57; c = buf[++at]) n = n * 10 + (c - 48);
  return n;
}

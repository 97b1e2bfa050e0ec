import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { applyBundle, expectOk, http, type StackEndpoints } from '@switchboard/scenarios';
import { runningStack, startStack, type RunningStack } from './stack';

/**
 * `npm run bench -- --calls N --rate R [--json]`: places N calls at R calls/s through the Telnyx
 * simulator into the whole stack, and the same number into a stateless baseline handler, then prints
 * how many calls completed or were lost, webhook acknowledgement latency, and the time from
 * `call.initiated` sent to `answer` received for both, with their ratio.
 */
interface Args {
  calls: number;
  rate: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { calls: 100, rate: 10, json: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--json') a.json = true;
    else if (k === '--calls') a.calls = Number(argv[++i]);
    else if (k === '--rate') a.rate = Number(argv[++i]);
    else throw new Error(`unknown argument ${k}`);
  }
  if (!(a.calls > 0 && a.rate > 0)) throw new Error('--calls and --rate must be positive numbers');
  return a;
}

interface Timeline {
  alive: boolean;
  commands: { t_ms: number; action: string; duplicate: boolean }[];
  webhooks: { event_type: string; attempts: { sent_t_ms: number; acked_t_ms?: number; status?: number }[] }[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summarise(values: number[]) {
  const s = [...values].sort((x, y) => x - y);
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    n: s.length,
    p50: r(percentile(s, 50)),
    p95: r(percentile(s, 95)),
    p99: r(percentile(s, 99)),
    max: r(s[s.length - 1] ?? NaN),
  };
}

async function placeCalls(
  simUrl: string,
  n: number,
  rate: number,
  body: (i: number) => object,
): Promise<string[]> {
  const t0 = Date.now();
  const sessions: Promise<string>[] = [];
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sessions.push(
      expectOk<{ call_session_id: string }>('place call', http('POST', `${simUrl}/sim/calls`, body(i))).then(
        (p) => p.call_session_id,
      ),
    );
  }
  return Promise.all(sessions);
}

async function timelines(simUrl: string, sessions: string[]): Promise<Timeline[]> {
  const out: Timeline[] = [];
  for (let i = 0; i < sessions.length; i += 50) {
    const batch = sessions
      .slice(i, i + 50)
      .map((s) => expectOk<Timeline>('timeline', http('GET', `${simUrl}/sim/calls/${s}`)));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

function latencies(tls: Timeline[]) {
  const answer: number[] = [];
  const ack: number[] = [];
  for (const t of tls) {
    const init = t.webhooks.find((w) => w.event_type === 'call.initiated');
    const ans = t.commands.find((c) => c.action === 'answer' && !c.duplicate);
    if (init?.attempts[0] && ans) answer.push(ans.t_ms - init.attempts[0].sent_t_ms);
    for (const w of t.webhooks)
      for (const a of w.attempts) if (a.acked_t_ms !== undefined) ack.push(a.acked_t_ms - a.sent_t_ms);
  }
  return { answer, ack };
}

async function startBaseline(sim: {
  apiBaseUrl: string;
  publicKey: string;
}): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'bench-baseline.js')], {
    env: {
      ...process.env,
      TELNYX_API_KEY: 'sim-key',
      TELNYX_BASE_URL: sim.apiBaseUrl,
      TELNYX_PUBLIC_KEY: sim.publicKey,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (c: Buffer) =>
      resolve((JSON.parse(c.toString()) as { baselineUrl: string }).baselineUrl),
    );
    child.once('exit', (code) => reject(new Error(`baseline exited ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (m: string) => {
    if (!args.json) console.error(`› ${m}`);
  };
  let own: RunningStack | null = null;
  let s = await runningStack();
  if (s) log(`using the running stack at ${s.apiUrl}`);
  else {
    log('starting a throwaway stack (Temporal dev server, embedded PostgreSQL, api, worker, simulator)');
    own = await startStack({ ephemeral: true, log, simTimeScale: 1, childOutput: 'quiet' });
    s = { apiUrl: own.apiUrl, simUrl: own.simUrl! };
  }
  const endpoints: StackEndpoints = s;
  try {
    await applyBundle(endpoints, {
      property: { name: 'Benchmark Towers', time_zone: 'America/Chicago' },
      sources: [{ name: 'Bench' }],
      numbers: [
        { number: '+13125550150', source: 'Bench', forward_to: '+13125550151', greeting: { text: 'Hi.' } },
      ],
    });
    const call = (i: number) => ({
      from: `+1312555${String(2000 + (i % 8000)).padStart(4, '0')}`,
      to: '+13125550150',
      // The caller talks 10 s once connected, and gives up after 10 s if nobody is connected by then.
      caller: [{ hangup_after_s: 10 }],
      agents: { '+13125550151': { answer_after_s: 0.5 } },
    });

    log(`placing ${args.calls} calls at ${args.rate}/s into Switchboard`);
    const t0 = Date.now();
    const sessions = await placeCalls(endpoints.simUrl, args.calls, args.rate, call);
    const deadline = Date.now() + 120_000;
    let completed = 0;
    const pending = new Set(sessions);
    while (pending.size && Date.now() < deadline) {
      for (const id of [...pending].slice(0, 100)) {
        const page = await expectOk<{ items: { outcome: string }[] }>(
          'calls',
          http('GET', `${endpoints.apiUrl}/v1/calls?callSessionId=${id}`),
        );
        if (page.items[0]) {
          pending.delete(id);
          if (page.items[0].outcome === 'answered') completed++;
        }
      }
      if (pending.size) await new Promise((r) => setTimeout(r, 200));
    }
    const wallS = (Date.now() - t0) / 1000;
    const sb = latencies(await timelines(endpoints.simUrl, sessions));

    log(`placing ${args.calls} calls at ${args.rate}/s into the stateless baseline handler`);
    const pk = await expectOk<{ public_key: string }>(
      'public key',
      http('GET', `${endpoints.simUrl}/sim/public-key`),
    );
    const baseline = await startBaseline({ apiBaseUrl: `${endpoints.simUrl}/v2`, publicKey: pk.public_key });
    const baseSessions = await placeCalls(endpoints.simUrl, args.calls, args.rate, (i) => ({
      ...call(i),
      webhook_url: baseline.url,
    }));
    await new Promise((r) => setTimeout(r, 3000));
    const base = latencies(await timelines(endpoints.simUrl, baseSessions));
    baseline.stop();

    const answerSb = summarise(sb.answer);
    const answerBase = summarise(base.answer);
    const summary = {
      calls: args.calls,
      rate: args.rate,
      completed,
      lost: pending.size,
      not_answered: args.calls - completed - pending.size,
      wall_s: Math.round(wallS * 10) / 10,
      webhook_ack_ms: summarise(sb.ack),
      initiated_to_answer_ms: answerSb,
      baseline_initiated_to_answer_ms: answerBase,
      baseline_webhook_ack_ms: summarise(base.ack),
      ratio_p50: Math.round((answerSb.p50 / answerBase.p50) * 10) / 10,
      ratio_p99: Math.round((answerSb.p99 / answerBase.p99) * 10) / 10,
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}, node ${process.version}`,
    };
    if (!args.json) {
      const row = (name: string, v: ReturnType<typeof summarise>) =>
        `${name.padEnd(38)} ${String(v.p50).padStart(8)} ${String(v.p95).padStart(8)} ${String(v.p99).padStart(8)} ${String(v.max).padStart(8)}`;
      console.log(
        `calls ${summary.calls} at ${summary.rate}/s: completed ${completed}, lost ${summary.lost}, not answered ${summary.not_answered}, ${summary.wall_s} s`,
      );
      console.log(
        `${'ms'.padEnd(38)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`,
      );
      console.log(row('webhook ack (Switchboard api)', summary.webhook_ack_ms));
      console.log(row('initiated → answer (Switchboard)', answerSb));
      console.log(row('webhook ack (baseline)', summary.baseline_webhook_ack_ms));
      console.log(row('initiated → answer (baseline)', answerBase));
      console.log(`ratio Switchboard/baseline: p50 ${summary.ratio_p50}x, p99 ${summary.ratio_p99}x`);
    }
    console.log(JSON.stringify(summary));
    if (summary.lost > 0) process.exitCode = 1;
  } finally {
    await own?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * Per-process metrics of a web that runs one process per core (scripts/web.ts, node:cluster). The process that
 * receives a scrape asks the primary, which asks every web process for its registry (JSON) and adds them up with
 * prom-client's AggregatorRegistry (counters and histograms summed; the process metrics by their own aggregators);
 * the answer goes back to the asking process. A process that does not answer within 3 s is left out of that scrape.
 * Without a cluster, the process's own registry is the answer.
 */
import cluster from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { processRegistry } from './registry';

type metric = Awaited<ReturnType<typeof processRegistry.getMetricsAsJSON>>[number];

const ASK = 'clcplus:metrics:ask';
const COLLECT = 'clcplus:metrics:collect';
const PART = 'clcplus:metrics:part';
const ANSWER = 'clcplus:metrics:answer';
const TIMEOUT_MS = 3_000;

type Message =
  | { type: typeof ASK; id: number }
  | { type: typeof COLLECT; id: number }
  | { type: typeof PART; id: number; metrics: metric[] | null }
  | { type: typeof ANSWER; id: number; text: string | null };
const isMessage = (m: unknown): m is Message =>
  typeof m === 'object' &&
  m !== null &&
  typeof (m as { type?: unknown }).type === 'string' &&
  (m as { type: string }).type.startsWith('clcplus:metrics:');

/** In the primary: answers a web process's ASK with the sum over every web process. */
export function aggregateClusterMetrics(): void {
  let next = 0;
  cluster.on('message', (asker, m: unknown) => {
    if (!isMessage(m) || m.type !== ASK) return;
    const id = next++;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w?.isConnected());
    const parts: metric[][] = [];
    let pending = workers.length;
    const finish = () => {
      clearTimeout(timer);
      cluster.off('message', onPart);
      const text = AggregatorRegistry.aggregate(parts).metrics();
      void text.then(
        (t) => asker.isConnected() && asker.send({ type: ANSWER, id: m.id, text: t }),
        () => asker.isConnected() && asker.send({ type: ANSWER, id: m.id, text: null }),
      );
    };
    const onPart = (_w: unknown, p: unknown) => {
      if (!isMessage(p) || p.type !== PART || p.id !== id) return;
      if (p.metrics) parts.push(p.metrics);
      if (--pending === 0) finish();
    };
    const timer = setTimeout(finish, TIMEOUT_MS);
    cluster.on('message', onPart);
    for (const w of workers) w!.send({ type: COLLECT, id });
    if (pending === 0) finish();
  });
}

/** In each web process of a cluster: hands its registry to the primary when asked. */
export function answerClusterCollects(): void {
  process.on('message', (m: unknown) => {
    if (!isMessage(m) || m.type !== COLLECT) return;
    processRegistry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ type: PART, id: m.id, metrics }),
      () => process.send?.({ type: PART, id: m.id, metrics: null }),
    );
  });
}

let asked = 0;

/** This web's per-process metrics as text: summed over the cluster when there is one, else this process's. */
export function processMetricsText(): Promise<string> {
  if (!cluster.isWorker || !process.send) return processRegistry.metrics();
  const id = asked++;
  return new Promise((resolve) => {
    const onAnswer = (m: unknown) => {
      if (!isMessage(m) || m.type !== ANSWER || m.id !== id) return;
      done(m.text);
    };
    const done = (text: string | null) => {
      clearTimeout(timer);
      process.off('message', onAnswer);
      // The primary could not add them up: this process's own metrics rather than none.
      resolve(text ?? processRegistry.metrics());
    };
    const timer = setTimeout(() => done(null), TIMEOUT_MS + 1_000);
    process.on('message', onAnswer);
    process.send!({ type: ASK, id });
  });
}

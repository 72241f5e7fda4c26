/**
 * Business gauges from PostgreSQL and Redis at scrape time (served by the web's /metrics): orders by service and
 * status, orders past their deadline, km² and bytes delivered, the active signing key's age and the oldest waiting
 * job of each queue. Read with a few queries, at most once per `cacheMs` (5 s) in each web process: the values come
 * from the database, so every process answers the same; several scrapers hitting one process cost one read, and
 * each process reads at most once per 5 s (the delivered sums scan the SUCCESS orders: fine for thousands, to be
 * kept in a rollup table beyond). A failing read leaves the gauges out of that scrape (Prometheus then
 * sees them go stale) and `clcplus_business_scrape_ok` at 0.
 */
import { sql } from 'drizzle-orm';
import { Gauge, Registry } from 'prom-client';
import type { Database } from '~/db/client';
import type { Queues } from '../queue/enqueue';
import { QUEUE_NAMES } from '../queue/queues';
import { cachedSnapshot } from './scrape-cache';

type Snapshot = {
  orders: { service: string; status: string; n: number }[];
  overdue: { service: string; n: number }[];
  delivered: { service: string; km2: number; bytes: number }[];
  keyAgeSeconds: number | null;
  oldestWaiting: Record<string, number>;
};

async function readSnapshot(deps: { db: Database; queues: Queues }): Promise<Snapshot> {
  const [orders, overdue, delivered, key, oldest] = await Promise.all([
    deps.db.execute<{ service: string; status: string; n: number }>(sql`
      select s.name as service, o.status::text as status, count(*)::int as n
      from orders o join services s on s.id = o.service_id group by 1, 2`),
    deps.db.execute<{ service: string; n: number }>(sql`
      select s.name as service, count(*)::int as n
      from orders o join services s on s.id = o.service_id
      where o.status in ('RECEIVED', 'QUEUED', 'RUNNING') and o.deadline_at < now() group by 1`),
    deps.db.execute<{ service: string; km2: number; bytes: number }>(sql`
      select s.name as service, coalesce(sum(o.area_km2), 0)::float8 as km2,
        coalesce(sum((o.result -> 'package' ->> 'bytes')::float8), 0)::float8 as bytes
      from orders o join services s on s.id = o.service_id where o.status = 'SUCCESS' group by 1`),
    deps.db.execute<{ age: number }>(sql`
      select extract(epoch from now() - created_at)::float8 as age from signing_keys where retired_at is null`),
    Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const [job] = await deps.queues.get(name).getJobs(['wait'], 0, 0, true);
        return [name, job ? Math.max(0, (Date.now() - job.timestamp) / 1000) : 0] as const;
      }),
    ),
  ]);
  return {
    orders: [...orders],
    overdue: [...overdue],
    delivered: [...delivered],
    keyAgeSeconds: key[0]?.age ?? null,
    oldestWaiting: Object.fromEntries(oldest),
  };
}

export function createBusinessRegistry(deps: {
  db: Database;
  queues: Queues;
  signingKeyRotationDays: number;
  cacheMs?: number;
}): Registry {
  const registry = new Registry();
  const snapshot = cachedSnapshot(() => readSnapshot(deps), deps.cacheMs ?? 5_000);
  new Gauge({
    name: 'clcplus_business_scrape_ok',
    help: '1 when the business gauges of this scrape were read from PostgreSQL and Redis, 0 when that failed',
    registers: [registry],
    async collect() {
      this.set(
        await snapshot().then(
          () => 1,
          () => 0,
        ),
      );
    },
  });
  /** A gauge whose values come from the snapshot; a failed read leaves it empty. */
  const fromSnapshot = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    fill: (g: Gauge<L>, s: Snapshot) => void,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        const s = await snapshot().catch(() => null);
        if (s) fill(this, s);
      },
    });

  fromSnapshot('clcplus_orders', 'Orders by service and status (all orders in the database)', ['service', 'status'], (g, s) => {
    for (const r of s.orders) g.set({ service: r.service, status: r.status }, r.n);
  });
  fromSnapshot(
    'clcplus_orders_overdue',
    'Open orders (RECEIVED, QUEUED, RUNNING) past their deadline, by service',
    ['service'],
    (g, s) => {
      for (const r of s.overdue) g.set({ service: r.service }, r.n);
    },
  );
  fromSnapshot(
    'clcplus_delivered_area_km2',
    'Area of the successful orders (km², EPSG:3035), by service',
    ['service'],
    (g, s) => {
      for (const r of s.delivered) g.set({ service: r.service }, r.km2);
    },
  );
  fromSnapshot(
    'clcplus_delivered_bytes',
    'Bytes of the packages delivered by successful orders, by service',
    ['service'],
    (g, s) => {
      for (const r of s.delivered) g.set({ service: r.service }, r.bytes);
    },
  );
  fromSnapshot(
    'clcplus_queue_oldest_waiting_seconds',
    'Age of the oldest job waiting in each queue (0 when none waits)',
    ['queue'],
    (g, s) => {
      for (const [queue, age] of Object.entries(s.oldestWaiting)) g.set({ queue }, age);
    },
  );
  fromSnapshot('clcplus_signing_key_age_seconds', 'Age of the active token signing key', [], (g, s) => {
    if (s.keyAgeSeconds !== null) g.set(s.keyAgeSeconds);
  });
  new Gauge({
    name: 'clcplus_signing_key_rotation_seconds',
    help: 'Configured rotation interval of the signing key (SIGNING_KEY_ROTATION_DAYS)',
    registers: [registry],
  }).set(deps.signingKeyRotationDays * 86_400);
  return registry;
}

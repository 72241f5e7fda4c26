/**
 * A stateful Airflow double (v1 = Airflow 2, v2 = Airflow 3) for the bridge's state-flow tests. It keeps DAGs and runs
 * in memory, checks the credentials (v1 Basic; v2 a Bearer JWT it issued from POST /auth/token), validates every
 * request body against the official spec and every response it sends against the same spec (test/airflow-spec.ts),
 * so it cannot drift from real Airflow: a mismatch fails the request with 599 and is kept in `violations`.
 * `down = true` makes it drop every connection (Airflow unreachable).
 *
 * POST /auth/token is not in v2-rest-api-generated.yaml (only named as its OAuth2 tokenUrl); it is served in the shape
 * of the Airflow 3 documentation (simple/FAB/Keycloak auth managers): {username, password} → {access_token}.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateRequest, validateResponse, type ApiVersion } from './airflow-spec';

export type DoubleTask = {
  task_id: string;
  state: string | null;
  try_number?: number;
  start_date?: string | null;
  end_date?: string | null;
  log?: string;
};
export type DoubleRun = {
  dag_id: string;
  dag_run_id: string;
  state: 'queued' | 'running' | 'success' | 'failed';
  conf: Record<string, unknown>;
  tasks: DoubleTask[];
  xcom?: unknown;
};

const T0 = '2026-01-01T00:00:00+00:00';

export async function startAirflowDouble(opts: {
  version: ApiVersion;
  username?: string;
  password?: string;
  tokenTtlSeconds?: number;
}) {
  const v = opts.version;
  const username = opts.username ?? 'bridge';
  const password = opts.password ?? 's3cret-pw';
  const state = {
    dags: new Map<string, { paused: boolean }>(),
    runs: new Map<string, DoubleRun>(),
    down: false,
    requests: [] as { method: string; path: string; authorization?: string; body?: unknown }[],
    violations: [] as string[],
    tokensIssued: 0,
  };
  const tokens = new Set<string>();
  const runKey = (d: string, r: string) => `${d}/${r}`;

  const issue = () => {
    const exp = Math.floor(Date.now() / 1000) + (opts.tokenTtlSeconds ?? 3600);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const t = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64({ sub: username, exp, n: ++state.tokensIssued })}.sig`;
    tokens.add(t);
    return t;
  };
  const authorized = (req: IncomingMessage) => {
    const a = req.headers.authorization ?? '';
    if (v === 'v1') return a === `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    return a.startsWith('Bearer ') && tokens.has(a.slice(7));
  };
  const error = (status: number, detail: string) =>
    v === 'v1' ? { type: 'about:blank', title: detail, status, detail } : { detail };

  const dagBody = (id: string, paused: boolean) =>
    v === 'v1'
      ? {
          dag_id: id,
          dag_display_name: id,
          is_paused: paused,
          is_active: true,
          is_subdag: false,
          fileloc: `/dags/${id}.py`,
          owners: ['airflow'],
          tags: [],
        }
      : {
          dag_id: id,
          dag_display_name: id,
          is_paused: paused,
          is_stale: false,
          last_parsed_time: T0,
          last_parse_duration: 0.1,
          last_expired: null,
          bundle_name: 'dags-folder',
          bundle_version: null,
          relative_fileloc: `${id}.py`,
          fileloc: `/dags/${id}.py`,
          description: null,
          timetable_summary: null,
          timetable_description: 'Never, external triggers only',
          tags: [],
          max_active_tasks: 16,
          max_active_runs: 16,
          max_consecutive_failed_dag_runs: 0,
          has_task_concurrency_limits: false,
          has_import_errors: false,
          next_dagrun_logical_date: null,
          next_dagrun_data_interval_start: null,
          next_dagrun_data_interval_end: null,
          next_dagrun_run_after: null,
          owners: ['airflow'],
          file_token: 'x',
        };
  const started = (r: DoubleRun) => (r.state === 'queued' ? null : T0);
  const ended = (r: DoubleRun) => (r.state === 'success' || r.state === 'failed' ? '2026-01-01T00:05:00+00:00' : null);
  const runBody = (r: DoubleRun) =>
    v === 'v1'
      ? {
          dag_run_id: r.dag_run_id,
          dag_id: r.dag_id,
          logical_date: T0,
          execution_date: T0,
          start_date: started(r),
          end_date: ended(r),
          data_interval_start: T0,
          data_interval_end: T0,
          last_scheduling_decision: null,
          run_type: 'manual',
          state: r.state,
          external_trigger: true,
          conf: r.conf,
          note: null,
        }
      : {
          dag_run_id: r.dag_run_id,
          dag_id: r.dag_id,
          logical_date: null,
          queued_at: T0,
          start_date: started(r),
          end_date: ended(r),
          duration: null,
          data_interval_start: null,
          data_interval_end: null,
          run_after: T0,
          last_scheduling_decision: null,
          run_type: 'manual',
          state: r.state,
          triggered_by: 'rest_api',
          triggering_user_name: username,
          conf: r.conf,
          note: null,
          dag_versions: [],
          bundle_version: null,
          dag_display_name: r.dag_id,
          partition_key: null,
        };
  const tiBody = (r: DoubleRun, t: DoubleTask) =>
    v === 'v1'
      ? {
          task_id: t.task_id,
          task_display_name: t.task_id,
          dag_id: r.dag_id,
          dag_run_id: r.dag_run_id,
          execution_date: T0,
          start_date: t.start_date ?? null,
          end_date: t.end_date ?? null,
          duration: null,
          state: t.state,
          try_number: t.try_number ?? 1,
          map_index: -1,
          max_tries: 1,
          hostname: 'w',
          unixname: 'airflow',
          pool: 'default_pool',
          pool_slots: 1,
          queue: 'default',
          priority_weight: 1,
          operator: 'PythonOperator',
          queued_when: null,
          pid: null,
          executor_config: '{}',
          sla_miss: null,
          rendered_map_index: null,
          rendered_fields: {},
          trigger: null,
          triggerer_job: null,
          note: null,
        }
      : {
          id: '0190a1b2-0000-7000-8000-000000000000',
          task_id: t.task_id,
          dag_id: r.dag_id,
          dag_run_id: r.dag_run_id,
          map_index: -1,
          logical_date: null,
          run_after: T0,
          start_date: t.start_date ?? null,
          end_date: t.end_date ?? null,
          duration: null,
          state: t.state,
          try_number: t.try_number ?? 1,
          max_tries: 1,
          task_display_name: t.task_id,
          dag_display_name: r.dag_id,
          hostname: 'w',
          unixname: 'airflow',
          pool: 'default_pool',
          pool_slots: 1,
          queue: 'default',
          priority_weight: 1,
          operator: 'PythonOperator',
          operator_name: 'PythonOperator',
          queued_when: null,
          scheduled_when: null,
          pid: null,
          executor: null,
          executor_config: '{}',
          note: null,
          rendered_map_index: null,
          rendered_fields: {},
          trigger: null,
          triggerer_job: null,
          dag_version: null,
        };

  type Answer = { status: number; body: unknown; template?: string };
  const route = (method: string, p: string, body: unknown, req: IncomingMessage): Answer => {
    if (v === 'v2' && p === '/auth/token' && method === 'POST') {
      const b = body as { username?: string; password?: string } | undefined;
      if (b?.username !== username || b?.password !== password) return { status: 401, body: { detail: 'Invalid credentials' } };
      return { status: 201, body: { access_token: issue() } };
    }
    const prefix = `/api/${v}`;
    if (!p.startsWith(`${prefix}/`)) return { status: 404, body: { detail: 'Not Found' } };
    const rest = p.slice(prefix.length);
    const answer = (template: string, status: number, b: unknown): Answer => ({ status, body: b, template });
    const tLogs =
      v === 'v1'
        ? '/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}'
        : '/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{try_number}';
    const templates: [RegExp, string][] = [
      [/^\/dags\/([^/]+)$/, '/dags/{dag_id}'],
      [/^\/dags\/([^/]+)\/dagRuns$/, '/dags/{dag_id}/dagRuns'],
      [/^\/dags\/([^/]+)\/dagRuns\/([^/]+)$/, '/dags/{dag_id}/dagRuns/{dag_run_id}'],
      [/^\/dags\/([^/]+)\/dagRuns\/([^/]+)\/taskInstances$/, '/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances'],
      [/^\/dags\/([^/]+)\/dagRuns\/([^/]+)\/taskInstances\/([^/]+)\/logs\/(\d+)$/, tLogs],
      [
        /^\/dags\/([^/]+)\/dagRuns\/([^/]+)\/taskInstances\/([^/]+)\/xcomEntries\/([^/]+)$/,
        '/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries/{xcom_key}',
      ],
    ];
    const hit = templates.find(([re]) => re.test(rest.split('?')[0]!));
    if (!hit) return { status: 404, body: { detail: 'Not Found' } };
    const template = hit[1];
    if (!authorized(req)) return answer(template, 401, error(401, 'Unauthorized'));
    if (body !== undefined) validateRequest(v, method, template, body);
    const [dagId, runId, taskId] = hit[0].exec(rest.split('?')[0]!)!.slice(1).map(decodeURIComponent);
    const dag = state.dags.get(dagId!);
    if (!dag) return answer(template, 404, error(404, `DAG ${dagId} not found`));
    if (template === '/dags/{dag_id}') return answer(template, 200, dagBody(dagId!, dag.paused));
    if (template === '/dags/{dag_id}/dagRuns' && method === 'POST') {
      const b = body as { dag_run_id: string; conf?: Record<string, unknown> };
      if (state.runs.has(runKey(dagId!, b.dag_run_id))) return answer(template, 409, error(409, 'DAGRun already exists'));
      const r: DoubleRun = { dag_id: dagId!, dag_run_id: b.dag_run_id, state: 'queued', conf: b.conf ?? {}, tasks: [] };
      state.runs.set(runKey(dagId!, b.dag_run_id), r);
      return answer(template, 200, runBody(r));
    }
    const r = state.runs.get(runKey(dagId!, runId!));
    if (!r) return answer(template, 404, error(404, `DAGRun ${runId} not found`));
    if (template === '/dags/{dag_id}/dagRuns/{dag_run_id}' && method === 'PATCH') {
      r.state = (body as { state: DoubleRun['state'] }).state;
      return answer(template, 200, runBody(r));
    }
    if (template === '/dags/{dag_id}/dagRuns/{dag_run_id}') return answer(template, 200, runBody(r));
    if (template.endsWith('/taskInstances')) {
      return answer(template, 200, { task_instances: r.tasks.map((t) => tiBody(r, t)), total_entries: r.tasks.length });
    }
    const t = r.tasks.find((x) => x.task_id === taskId);
    if (!t) return answer(template, 404, error(404, `task ${taskId} not found`));
    if (template === tLogs) {
      const log = t.log ?? '';
      return answer(
        template,
        200,
        v === 'v1'
          ? { content: log, continuation_token: 'end' }
          : { content: log.split('\n').map((l) => ({ event: l })), continuation_token: null },
      );
    }
    const value = r.xcom;
    return answer(
      template,
      200,
      v === 'v1'
        ? {
            key: 'return_value',
            timestamp: T0,
            execution_date: T0,
            map_index: -1,
            task_id: taskId,
            dag_id: dagId,
            value: JSON.stringify(value),
          }
        : {
            key: 'return_value',
            timestamp: T0,
            logical_date: null,
            map_index: -1,
            task_id: taskId,
            dag_id: dagId,
            run_id: runId,
            dag_display_name: dagId,
            task_display_name: taskId,
            value,
          },
    );
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (state.down) return void req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString();
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      const method = req.method ?? 'GET';
      const p = (req.url ?? '/').split('?')[0]!;
      state.requests.push({ method, path: req.url ?? '/', authorization: req.headers.authorization, body });
      let a: Answer;
      try {
        a = route(method, p, body, req);
        if (a.template) validateResponse(v, method, a.template, a.status, a.body);
      } catch (e) {
        state.violations.push(String(e));
        a = { status: 599, body: { detail: String(e) } };
      }
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    username,
    password,
    /** Forget every issued token (as a restart of Airflow with a new JWT secret would). */
    revokeTokens: () => tokens.clear(),
    get state() {
      return state;
    },
    run: (dagId: string, runId: string) => state.runs.get(runKey(dagId, runId)),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
export type AirflowDouble = Awaited<ReturnType<typeof startAirflowDouble>>;

/**
 * The deployment files (docs/deployment.md), checked as far as this machine allows (there is no Docker engine, and
 * hadolint is neither a Debian package nor reachable here):
 * - deploy/Dockerfile: parsed — a build stage and a slim runtime stage on Debian bookworm, gdal-async built against
 *   Debian's libgdal, no build tools in the runtime stage, a non-root USER, a HEALTHCHECK, no secret in ARG/ENV;
 * - deploy/compose.yaml: parsed with `yaml` — the services, their health checks, no literal secret, every variable
 *   given to web/worker known to server/env.js, Prometheus scraping both webs and both workers;
 * - deploy/systemd/: `systemd-analyze verify` on copies of the units (the template instantiated as @1), which fails
 *   on unknown keys and on an ExecStart binary that does not exist; hardening and restart options present.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '~/server/env.js';

const read = (f: string) => fs.readFileSync(path.join('deploy', f), 'utf8');
const SECRET_NAME = /PASSWORD|SECRET|_KEY$|KEY_ID$|TOKEN/;

describe('deploy/Dockerfile', () => {
  // Instructions with their continuation lines joined.
  const lines = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: { from: string; name: string; body: string[] }[] = [];
  for (const l of lines) {
    const m = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(l);
    if (m) stages.push({ from: m[1]!, name: m[2] ?? '', body: [] });
    else stages.at(-1)?.body.push(l);
  }
  const args = Object.fromEntries(lines.filter((l) => /^ARG\s/.test(l)).map((l) => l.slice(4).split('=') as [string, string]));
  const image = (from: string) => from.replace(/\$\{(\w+)\}/g, (_, n: string) => args[n] ?? '');

  it('has a build and a runtime stage on Debian bookworm', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    for (const s of stages) expect(image(s.from)).toMatch(/bookworm/);
  });
  it('builds gdal-async against Debian libgdal and runs next build in the build stage only', () => {
    const build = stages[0]!.body.join('\n');
    expect(build).toMatch(/libgdal-dev/);
    expect(build).toMatch(/npm_config_build_from_source=gdal-async/);
    expect(build).toMatch(/npm_config_shared_gdal=true/);
    expect(build).toMatch(/npm ci/);
    expect(build).toMatch(/next build/);
    const runtime = stages[1]!.body.join('\n');
    expect(runtime).toMatch(/libgdal32/);
    expect(runtime).not.toMatch(/libgdal-dev|build-essential|npm ci/);
    expect(runtime).toMatch(/COPY --from=build/);
  });
  it('runs as a non-root user with a health check, one image for web and worker', () => {
    const runtime = stages[1]!.body;
    const user = runtime.filter((l) => /^USER\s/.test(l)).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(root|0)(:|$)/);
    expect(runtime.some((l) => /^HEALTHCHECK\s.*CMD/.test(l))).toBe(true);
    expect(runtime.some((l) => /^ENTRYPOINT\s/.test(l))).toBe(true);
    const entry = read('entrypoint.sh');
    expect(entry).toMatch(/\bweb\)/);
    expect(entry).toMatch(/\bworker\)/);
    expect(spawnSync('sh', ['-n', 'deploy/entrypoint.sh']).status).toBe(0);
  });
  it('bakes in no secret', () => {
    const declared = lines
      .filter((l) => /^(ARG|ENV)\s/.test(l))
      .flatMap((l) =>
        l
          .slice(4)
          .split(/\s+/)
          .map((kv) => kv.split('=')[0]!),
      );
    expect(declared.filter((n) => SECRET_NAME.test(n))).toEqual([]);
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<
      string,
      { image?: string; environment?: Record<string, string>; healthcheck?: unknown; command?: string[]; volumes?: string[] }
    >;
  };
  const s = compose.services;
  const app = ['web1', 'web2', 'worker1', 'worker2', 'migrate'];

  it('has PostGIS, Redis, an S3 store, two webs, two workers, Prometheus and Grafana, each with a health check', () => {
    for (const name of ['postgres', 'redis', 'minio', 'web1', 'web2', 'worker1', 'worker2', 'prometheus', 'grafana', 'proxy']) {
      expect(s[name], name).toBeDefined();
      expect(s[name]!.healthcheck, `${name} healthcheck`).toBeDefined();
    }
    expect(s.postgres!.image).toMatch(/postgis/);
    expect(s.redis!.command!.join(' ')).toMatch(/--requirepass/);
    expect(s.web1!.command).toEqual(['web']);
    expect(s.worker2!.command).toEqual(['worker']);
    expect(s.web1!.environment!.RESULTS_STORAGE).toBe('s3');
  });
  it('sets only variables server/env.js knows, on web, worker and migrate', () => {
    const known = new Set(Object.keys(envSchema.shape));
    for (const name of app)
      expect(
        Object.keys(s[name]!.environment!).filter((k) => !known.has(k)),
        name,
      ).toEqual([]);
  });
  it('holds no literal secret: secrets come from deploy/.env, which is not in the repository', () => {
    const literal: string[] = [];
    for (const [name, svc] of Object.entries(s)) {
      for (const [k, v] of Object.entries(svc.environment ?? {})) {
        if (SECRET_NAME.test(k) && !/^\$\{\w+:\?[^}]*\}$/.test(String(v))) literal.push(`${name}.${k}`);
        // A URL with credentials takes them from variables.
        const url = /^\w+:\/\/([^@/]*)@/.exec(String(v));
        if (url && !/^[^:]*:?\$\{\w+:\?[^}]*\}$/.test(url[1]!)) literal.push(`${name}.${k}`);
      }
    }
    expect(literal).toEqual([]);
    const ignored = spawnSync('git', ['check-ignore', '-q', 'deploy/.env']).status;
    expect(ignored, 'deploy/.env is git-ignored').toBe(0);
    // Every required variable is documented in the example, with a placeholder only.
    const example = Object.fromEntries(
      read('.env.example')
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => l.split('=', 2) as [string, string]),
    );
    const required = [
      ...read('compose.yaml')
        .replace(/#.*$/gm, '')
        .matchAll(/\$\{(\w+):\?/g),
    ].map((m) => m[1]!);
    expect(required.filter((v) => !(v in example))).toEqual([]);
    for (const v of new Set(required)) expect(example[v], v).toMatch(/^change-me/);
  });
  it('points Prometheus at both webs and both workers, with the alert rules; Grafana at its provisioning', () => {
    const prom = parse(read('prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    const targets = Object.fromEntries(prom.scrape_configs.map((c) => [c.job_name, c.static_configs.flatMap((x) => x.targets)]));
    expect(targets['clcplus-web']).toEqual(['web1:3000', 'web2:3000']);
    expect(targets['clcplus-worker']).toEqual(['worker1:3001', 'worker2:3001']);
    expect(s.prometheus!.volumes).toContain('./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro');
    expect(prom.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(s.grafana!.volumes).toContain('./grafana/provisioning:/etc/grafana/provisioning:ro');
  });
});

describe('deploy/systemd', () => {
  const dir = 'deploy/systemd';
  const verify = (files: string[], root: string) =>
    spawnSync('/usr/bin/systemd-analyze', ['verify', ...files.map((f) => path.join(root, f))], { encoding: 'utf8' });

  it('passes systemd-analyze verify (the worker template as clcplus-worker@1)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clcplus-units-'));
    try {
      for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(tmp, f));
      fs.copyFileSync(path.join(dir, 'clcplus-worker@.service'), path.join(tmp, 'clcplus-worker@1.service'));
      const ok = verify(['clcplus-web.service', 'clcplus-worker@1.service', 'clcplus.target'], tmp);
      expect({ status: ok.status, stderr: ok.stderr }).toEqual({ status: 0, stderr: '' });
      // The check has teeth: a unit with a missing binary fails it.
      fs.writeFileSync(
        path.join(tmp, 'broken.service'),
        read('systemd/clcplus-web.service').replaceAll('/usr/bin/node', '/usr/bin/no-such-node'),
      );
      const bad = verify(['broken.service'], tmp);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toMatch(/no-such-node/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
  it('restarts on failure and is hardened', () => {
    for (const f of ['clcplus-web.service', 'clcplus-worker@.service']) {
      const unit = read(`systemd/${f}`);
      for (const key of [
        'Restart=on-failure',
        'NoNewPrivileges=yes',
        'ProtectSystem=strict',
        'ProtectHome=yes',
        'PrivateTmp=yes',
        'CapabilityBoundingSet=',
        'User=clcplus',
        'EnvironmentFile=/etc/clcplus/clcplus.env',
      ]) {
        expect(unit, `${f}: ${key}`).toContain(`\n${key}`);
      }
    }
    expect(read('systemd/clcplus-worker@.service')).toMatch(/WORKER_HEALTH_PORT=310%i/);
  });
});

/**
 * The alert rules (alerts.yml) with Debian's promtool: they parse (`check rules`), and their unit tests
 * (alerts.test.yml, synthetic series) pass, with every alert tested at least once firing and once quiet.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DIR = import.meta.dirname;
const promtool = (...args: string[]) => spawnSync('/usr/bin/promtool', args, { cwd: DIR, encoding: 'utf8' });

type AlertTest = { alertname: string; exp_alerts: unknown[] };
const alerts = (
  parse(fs.readFileSync(path.join(DIR, 'alerts.yml'), 'utf8')) as { groups: { rules: { alert: string }[] }[] }
).groups
  .flatMap((g) => g.rules)
  .map((r) => r.alert);
const cases = (
  parse(fs.readFileSync(path.join(DIR, 'alerts.test.yml'), 'utf8')) as { tests: { alert_rule_test: AlertTest[] }[] }
).tests.flatMap((t) => t.alert_rule_test);

describe('deploy/prometheus alert rules', () => {
  it('promtool check rules accepts alerts.yml', () => {
    const r = promtool('check', 'rules', 'alerts.yml');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`SUCCESS: ${alerts.length} rules found`);
  });

  it('promtool test rules passes alerts.test.yml', () => {
    const r = promtool('test', 'rules', 'alerts.test.yml');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('SUCCESS');
  });

  it('every alert is tested firing and quiet', () => {
    expect(alerts.length).toBe(9);
    for (const alert of alerts) {
      const mine = cases.filter((c) => c.alertname === alert);
      expect(
        mine.some((c) => c.exp_alerts.length > 0),
        `${alert} firing`,
      ).toBe(true);
      expect(
        mine.some((c) => c.exp_alerts.length === 0),
        `${alert} quiet`,
      ).toBe(true);
    }
    expect(new Set(cases.map((c) => c.alertname))).toEqual(new Set(alerts));
  });
});

/**
 * The licence check of npm test: THIRD-PARTY-LICENSES.md is what scripts/licences.ts generates now, every npm
 * package's licence is on the allow-list, and the check does fail on a package with an unknown licence (a copy of
 * the lock data with a fake package added, installed in a temporary node_modules).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectPackages, debianLicence, disallowed, generate, isAllowed, OUTPUT, readLock, ROOT, type Lock } from './licences';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'licences-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('third-party licences', () => {
  it('THIRD-PARTY-LICENSES.md is up to date (npm run licences)', () => {
    const { text } = generate();
    expect(fs.readFileSync(path.join(ROOT, OUTPUT), 'utf8')).toBe(text);
  });

  it('every npm package has an allowed licence', () => {
    const pkgs = collectPackages(readLock());
    expect(pkgs.length).toBeGreaterThan(500);
    expect(pkgs.some((p) => p.dev) && pkgs.some((p) => !p.dev)).toBe(true);
    expect(disallowed(pkgs)).toEqual([]);
  });

  it('fails on a package added with an unknown licence', () => {
    const lock = readLock();
    const fake: Lock = {
      packages: {
        ...lock.packages,
        'node_modules/left-pad-unknown': { version: '1.0.0', license: 'WTFPL-unknown' },
        'node_modules/closed-thing': { version: '2.0.0', dev: true },
      },
    };
    // Installed here (package.json is read before the lockfile): a declaration no SPDX expression can match.
    fs.mkdirSync(path.join(tmp, 'node_modules/closed-thing'), { recursive: true });
    fs.writeFileSync(
      path.join(tmp, 'node_modules/closed-thing/package.json'),
      JSON.stringify({ name: 'closed-thing', version: '2.0.0', license: 'SEE LICENSE IN EULA.txt' }),
    );
    const problems = disallowed(collectPackages(fake, tmp));
    expect(problems).toContain('left-pad-unknown@1.0.0: WTFPL-unknown');
    expect(problems).toContain('closed-thing@2.0.0: SEE LICENSE IN EULA.txt');
  });

  it('reads SPDX expressions with OR, AND, WITH and parentheses', () => {
    expect(isAllowed('MIT')).toBe(true);
    expect(isAllowed('(MIT OR GPL-3.0-only)')).toBe(true);
    expect(isAllowed('GPL-3.0-only OR Apache-2.0')).toBe(true);
    expect(isAllowed('MIT AND Zlib')).toBe(true);
    expect(isAllowed('Apache-2.0 AND LGPL-3.0-or-later AND MIT')).toBe(true);
    expect(isAllowed('MIT AND GPL-3.0-only')).toBe(false);
    expect(isAllowed('Apache-2.0 WITH LLVM-exception')).toBe(true);
    expect(isAllowed('(BSD-3-Clause OR MIT) AND (ISC OR SSPL-1.0)')).toBe(true);
    expect(isAllowed('(BSD-3-Clause OR MIT) AND SSPL-1.0')).toBe(false);
    for (const bad of ['SEE LICENSE IN LICENSE', 'UNLICENSED', 'WTFPL-unknown', '', 'MIT AND', '(MIT', 'MIT OR OR ISC']) {
      expect(isAllowed(bad), bad).toBe(false);
    }
    expect(isAllowed(null)).toBe(false);
  });

  it('reads the main licence of a Debian copyright file', () => {
    const copyright = [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      '',
      'Files: *',
      'Copyright: 1998 Someone',
      'License: Expat',
      '',
      'Files: frmts/foo/*',
      'License: BSD-3-clause',
    ].join('\n');
    expect(debianLicence(copyright)).toBe('MIT');
    expect(debianLicence('Files: *\nLicense: GPL-2+\n')).toBe('GPL-2.0-or-later');
    expect(debianLicence('no fields')).toBeNull();
  });
});

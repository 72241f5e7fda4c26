/** Client ids are safe to pass to command-line tools: never a leading `-` or `_`. */
import { describe, expect, it } from 'vitest';
import { newClientId, newClientSecret } from './generate-credentials';

describe('client credentials', () => {
  it('ids are 24 URL-safe characters starting with a letter or digit; secrets 43', () => {
    for (let i = 0; i < 2000; i++) {
      const id = newClientId();
      expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{23}$/);
    }
    expect(newClientSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

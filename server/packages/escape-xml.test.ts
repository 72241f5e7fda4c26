import { describe, expect, it } from 'vitest';
import { escapeXml } from './escape-xml';

describe('escapeXml', () => {
  it('escapes the five XML specials, ampersands first (no double escaping), and nothing else', () => {
    expect(escapeXml(`Wetlands & "peat" <bogs> l'eau`)).toBe('Wetlands &amp; &quot;peat&quot; &lt;bogs&gt; l&apos;eau');
    expect(escapeXml('&lt;')).toBe('&amp;lt;');
    expect(escapeXml('Sealed · Woody – needle leaved')).toBe('Sealed · Woody – needle leaved');
  });
});

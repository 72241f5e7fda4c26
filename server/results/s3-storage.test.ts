/**
 * AWS Signature V4 as computed for S3 results, checked against the examples AWS publishes in its S3 API reference
 * ("Authenticating Requests": a presigned GET URL and a signed GET with a Range header).
 */
import { describe, expect, it } from 'vitest';
import { s3Storage, signV4 } from './s3-storage';

const creds = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const now = new Date('2013-05-24T00:00:00Z');

describe('S3 signatures (AWS examples)', () => {
  it('presigned GET URL', () => {
    const { url } = signV4({
      ...creds,
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      now,
      expiresSeconds: 86400,
    });
    expect(url).toBe(
      'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z' +
        '&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
        '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });

  it('signed GET with a Range header', () => {
    const { headers } = signV4({
      ...creds,
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      now,
      headers: { range: 'bytes=0-9' },
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('download URLs are path-style, presigned, and name the file', () => {
    const s = s3Storage({ endpoint: 'https://s3.example.org', bucket: 'results', ...creds }, () => now);
    const url = new URL(s.presignGet!('0b4f/CLMS_x.zip', 300, 'CLMS_x.zip'));
    expect(url.pathname).toBe('/results/0b4f/CLMS_x.zip');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="CLMS_x.zip"');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(() => s.presignGet!('../etc/passwd', 300, 'x')).toThrow(/bad storage key/);
  });
});

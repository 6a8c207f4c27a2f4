import { createSecretBox, SecretBoxError } from './secret-box';

describe('secret box (AES-256-GCM at rest)', () => {
  const box = createSecretBox('a-test-secret-key-of-at-least-32-characters');

  it('round-trips a value and never stores it in clear', () => {
    const sealed = box.seal('twilio-auth-token-123', 'tenant-a/twilio');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('twilio-auth-token-123');
    expect(box.open(sealed, 'tenant-a/twilio')).toBe('twilio-auth-token-123');
  });

  it('uses a fresh IV each time, so equal secrets do not look equal', () => {
    expect(box.seal('same', 'ctx')).not.toBe(box.seal('same', 'ctx'));
  });

  it('refuses a value opened in another context (another tenant or column)', () => {
    const sealed = box.seal('secret', 'tenant-a/twilio');
    expect(() => box.open(sealed, 'tenant-b/twilio')).toThrow(SecretBoxError);
  });

  it('refuses a tampered value, another key and an unknown version', () => {
    const sealed = box.seal('secret', 'ctx');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'), 'ctx')).toThrow(SecretBoxError);
    expect(() => createSecretBox('another-secret-key-of-at-least-32-chars!').open(sealed, 'ctx')).toThrow(SecretBoxError);
    expect(() => box.open(sealed.replace(/^v1/, 'v9'), 'ctx')).toThrow(/known version/);
  });

  it('refuses a short key', () => {
    expect(() => createSecretBox('short')).toThrow(SecretBoxError);
  });
});

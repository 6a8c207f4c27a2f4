import { ConfigError, describeConfig, parseEnv } from './env';

/** One validated configuration per process (STYLE §9). */
describe('parseEnv', () => {
  it('rejects a JWT_SECRET shorter than 32 characters, naming it without printing its value', () => {
    const secret = 'short-secret-value';
    expect(() => parseEnv({ JWT_SECRET: secret })).toThrow(ConfigError);
    let message = '';
    try {
      parseEnv({ JWT_SECRET: secret });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('JWT_SECRET: JWT_SECRET must be at least 32 characters');
    expect(message).not.toContain(secret);
  });

  it('accepts a JWT_SECRET of 32 characters', () => {
    expect(parseEnv({ JWT_SECRET: 'x'.repeat(32) }).JWT_SECRET).toBe('x'.repeat(32));
  });

  it('defaults PORT to 3000 and reads a given one as a number', () => {
    expect(parseEnv({}).PORT).toBe(3000);
    expect(parseEnv({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('names every invalid variable', () => {
    expect(() => parseEnv({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT:[\s\S]*LOG_LEVEL:/);
  });

  it('masks the secrets when the configuration is described', () => {
    const config = parseEnv({ JWT_SECRET: 's'.repeat(40), DATABASE_URL: 'postgres://app:pw@localhost/relais' });
    expect(describeConfig(config)).toMatchObject({ JWT_SECRET: '***', DATABASE_URL: '***', PORT: 3000 });
  });
});

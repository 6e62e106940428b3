// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_AGENT_TOKEN, DEMO_IDENTITY_SECRET } from '../server/demo-endpoint-config';
import {
  ConfigError,
  DEFAULT_DATA_DIR,
  DEV_AGENT_TOKEN,
  KNOWN_DEFAULT_SECRETS,
  productionProblems,
  productionWarnings,
  readServiceConfig,
  USAGE,
} from './service-config';

const LONG = 'f'.repeat(64);

function problemsOf(argv: string[], env: Record<string, string>): string[] {
  try {
    readServiceConfig(argv, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const productionEnv = {
  NODE_ENV: 'production',
  REGULARS_ALLOWED_ORIGINS: 'https://shop.example, https://www.shop.example',
  REGULARS_AGENT_TOKEN: LONG,
  REGULARS_IDENTITY_SECRET: `${LONG}1`,
  REGULARS_WEBHOOK_URL: 'https://hooks.shop.example/regulars',
  REGULARS_WEBHOOK_SECRET: `${LONG}2`,
};

describe('service configuration', () => {
  it('has safe local defaults: loopback, PGlite in .demo-data, development secrets it names', () => {
    const config = readServiceConfig([], {});
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', production: false, basePath: '/regulars', allowedOrigins: '*', dataDir: DEFAULT_DATA_DIR, databaseUrl: null, webhook: null, shutdownMs: 10_000, shopModule: null });
    expect(config.agentToken).toBe(DEV_AGENT_TOKEN);
    expect(config.developmentDefaults).toEqual(['REGULARS_AGENT_TOKEN', 'REGULARS_IDENTITY_SECRET']);
  });

  it('reads every variable, and flags win over variables', () => {
    const config = readServiceConfig(['--port', '9000', '--host=0.0.0.0', '--data-dir', '/var/lib/regulars', '--shop', 'shop.ts'], {
      ...productionEnv,
      NODE_ENV: '',
      PORT: '1234',
      HOST: '10.0.0.1',
      REGULARS_DATA_DIR: '/elsewhere',
      DATABASE_URL: 'postgres://regulars@db.internal/regulars',
      REGULARS_BASE_PATH: '/api/regulars',
      REGULARS_TRUST_PROXY: '1',
      REGULARS_RATE_LIMITS: '{"events":{"max":600}}',
      REGULARS_SHUTDOWN_MS: '2500',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/var/lib/regulars',
      shopModule: 'shop.ts',
      databaseUrl: 'postgres://regulars@db.internal/regulars',
      basePath: '/api/regulars',
      trustProxy: true,
      rateLimits: { events: { max: 600 } },
      shutdownMs: 2500,
      allowedOrigins: ['https://shop.example', 'https://www.shop.example'],
      agentToken: LONG,
      webhook: { url: 'https://hooks.shop.example/regulars', secret: `${LONG}2` },
      developmentDefaults: [],
    });
    expect(readServiceConfig([], { PORT: '1234' }).port).toBe(1234);
  });

  it('names every wrong setting at once', () => {
    const problems = problemsOf(['--port', 'http', '--verbose', '--host'], {
      REGULARS_ALLOWED_ORIGINS: 'https://shop.example/,shop.example',
      REGULARS_WEBHOOK_URL: 'ftp://hooks.example',
      REGULARS_RATE_LIMITS: '[1]',
      REGULARS_SHUTDOWN_MS: 'soon',
    });
    expect(problems.join('\n')).toMatch(/port must be a number/);
    expect(problems.join('\n')).toMatch(/Unknown argument --verbose/);
    expect(problems.join('\n')).toMatch(/--host needs a value/);
    expect(problems.join('\n')).toMatch(/"https:\/\/shop\.example\/" is not an origin/);
    expect(problems.join('\n')).toMatch(/"shop\.example" is not an origin/);
    expect(problems.join('\n')).toMatch(/REGULARS_WEBHOOK_URL must be an absolute http\(s\) URL/);
    expect(problems.join('\n')).toMatch(/without REGULARS_WEBHOOK_SECRET/);
    expect(problems.join('\n')).toMatch(/REGULARS_RATE_LIMITS must be a JSON object/);
    expect(problems.join('\n')).toMatch(/REGULARS_SHUTDOWN_MS/);
    expect(problemsOf([], { REGULARS_WEBHOOK_SECRET: LONG })).toEqual([expect.stringMatching(/without REGULARS_WEBHOOK_URL/)]);
  });

  it('uses no development defaults in production', () => {
    const config = readServiceConfig(['--production'], {});
    expect(config).toMatchObject({ production: true, agentToken: null, identitySecret: null, developmentDefaults: [] });
    expect(productionWarnings(config).join('\n')).toMatch(/REGULARS_IDENTITY_SECRET is not set.*\n.*REGULARS_AGENT_TOKEN is not set/);
  });

  it('lets a careful production configuration start', () => {
    expect(productionProblems(readServiceConfig([], productionEnv))).toEqual([]);
    expect(productionWarnings(readServiceConfig([], productionEnv))).toEqual([]);
  });

  it('refuses production with open origins, published or short secrets, a plain-http webhook or a memory database', () => {
    const unsafe = (env: Record<string, string>, argv: string[] = []): string => productionProblems(readServiceConfig(argv, { ...productionEnv, ...env })).join('\n');
    expect(unsafe({ REGULARS_ALLOWED_ORIGINS: '' })).toMatch(/REGULARS_ALLOWED_ORIGINS is not set/);
    expect(unsafe({ REGULARS_ALLOWED_ORIGINS: '*' })).toMatch(/REGULARS_ALLOWED_ORIGINS is not set/);
    expect(unsafe({ REGULARS_AGENT_TOKEN: DEV_AGENT_TOKEN })).toMatch(/REGULARS_AGENT_TOKEN is a published default/);
    expect(unsafe({ REGULARS_AGENT_TOKEN: DEMO_AGENT_TOKEN })).toMatch(/REGULARS_AGENT_TOKEN is a published default/);
    expect(unsafe({ REGULARS_IDENTITY_SECRET: DEMO_IDENTITY_SECRET })).toMatch(/REGULARS_IDENTITY_SECRET is a published default/);
    expect(unsafe({ REGULARS_AGENT_TOKEN: 'short-token' })).toMatch(/REGULARS_AGENT_TOKEN is shorter than 32/);
    expect(unsafe({ REGULARS_WEBHOOK_SECRET: 'short' })).toMatch(/REGULARS_WEBHOOK_SECRET is shorter than 32/);
    expect(unsafe({ REGULARS_WEBHOOK_URL: 'http://hooks.shop.example/' })).toMatch(/must use https/);
    expect(unsafe({}, ['--data-dir', 'memory://'])).toMatch(/loses every event on restart/);
    expect(unsafe({ DATABASE_URL: 'postgres://db/regulars' }, ['--data-dir', 'memory://'])).toBe('');
  });

  it('knows the demo shop’s published token and secret', () => {
    expect(KNOWN_DEFAULT_SECRETS).toEqual(expect.arrayContaining([DEMO_AGENT_TOKEN, DEMO_IDENTITY_SECRET]));
  });

  it('says in --help what the agent token defaults to: the development token outside production, none in it', () => {
    expect(readServiceConfig([], {}).agentToken).toBe(DEV_AGENT_TOKEN);
    expect(readServiceConfig(['--production'], {}).agentToken).toBeNull();
    const line = USAGE.slice(USAGE.indexOf('REGULARS_AGENT_TOKEN'), USAGE.indexOf('REGULARS_IDENTITY_SECRET')).replace(/\s+/g, ' ');
    expect(line).toBe(`REGULARS_AGENT_TOKEN bearer token of the agent inbox (default ${DEV_AGENT_TOKEN} outside production; in production none, and without one the inbox is off) `);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.js';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({}, {})).toMatchObject({
      host: '127.0.0.1',
      port: 4599,
      dataDir: './.iamd',
      storage: 'sqlite',
      accountId: '000000000000',
    });
  });

  it('lets flags override the environment, which overrides defaults', () => {
    const config = loadConfig({ port: '5000' }, { IAMD_PORT: '4000', IAMD_HOST: '0.0.0.0' });
    expect(config.port).toBe(5000);
    expect(config.host).toBe('0.0.0.0');
  });

  it('is frozen', () => {
    expect(Object.isFrozen(loadConfig({}, {}))).toBe(true);
  });

  it('names every invalid option with its variable', () => {
    expect(() => loadConfig({}, { IAMD_PORT: 'abc', IAMD_ACCOUNT_ID: '12' })).toThrow(ConfigError);
    expect(() => loadConfig({}, { IAMD_PORT: 'abc' })).toThrow(/port \(IAMD_PORT\)/);
    expect(() => loadConfig({ storage: 'mongo' }, {})).toThrow(/storage/);
  });

  it('rejects unknown options', () => {
    expect(() => loadConfig({ colour: 'blue' } as never, {})).toThrow(/Unrecognized key/);
  });
});

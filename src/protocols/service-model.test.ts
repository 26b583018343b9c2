import { describe, expect, it } from 'vitest';
import { buildRouteTable } from './rest-xml/match-operation.js';
import { loadServiceModel } from './service-model.js';

const sts = loadServiceModel('sts');

describe('loadServiceModel', () => {
  it('reads the model metadata and operations', () => {
    expect(sts.metadata.apiVersion).toBe('2011-06-15');
    expect(sts.metadata.xmlNamespace).toBe('https://sts.amazonaws.com/doc/2011-06-15/');
    expect(sts.operation('AssumeRole')?.output?.resultWrapper).toBe('AssumeRoleResult');
    expect(sts.operationNames()).toContain('GetCallerIdentity');
  });

  it('does not resolve prototype names as operations', () => {
    expect(sts.operation('constructor')).toBeUndefined();
    expect(sts.operation('toString')).toBeUndefined();
    expect(sts.operation('assumerole')).toBeUndefined();
  });

  it('resolves shapes and rejects unknown ones', () => {
    expect(sts.shape('roleSessionNameType')).toMatchObject({ type: 'string', min: 2, max: 64 });
    expect(() => sts.shape('NoSuchShape')).toThrow(/no shape NoSuchShape/);
  });

  it('compiles each pattern once per model', () => {
    const first = sts.pattern('[\\w+=,.@-]*');
    expect(sts.pattern('[\\w+=,.@-]*')).toBe(first);
    expect(loadServiceModel('sts').pattern('[\\w+=,.@-]*')).not.toBe(first);
  });

  it('caches derived data per model and builder', () => {
    const s3 = loadServiceModel('s3');
    expect(s3.derive(buildRouteTable)).toBe(s3.derive(buildRouteTable));
    expect(loadServiceModel('s3').derive(buildRouteTable)).not.toBe(s3.derive(buildRouteTable));
  });
});

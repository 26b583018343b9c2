/**
 * @module protocols/service-model
 * A loaded botocore service model with typed accessors. The codecs interpret it at runtime, so every wire
 * detail (member names, locations, constraints) comes from the same JSON the AWS SDKs are generated from.
 *
 * A `ServiceModel` also owns the caches derived from it (compiled patterns, the REST route table): they live as
 * long as the model the caller holds, and no module keeps global state.
 */
import { readFileSync } from 'node:fs';
import { compileJavaPattern } from './java-pattern.js';
import type {
  OperationModel,
  ServiceMetadata,
  ServiceModelJson,
  Shape,
  ShapeRef,
  StructureShape,
} from './model-types.js';

/** The services whose models ship in `models/`. */
export type ServiceName = 'iam' | 'sts' | 's3' | 'ec2' | 'cloudtrail';

/** A service model plus its derived caches. Create it with {@link loadServiceModel} and keep it. */
export class ServiceModel {
  readonly service: string;
  readonly metadata: ServiceMetadata;
  readonly #operations: ReadonlyMap<string, OperationModel>;
  readonly #shapes: ReadonlyMap<string, Shape>;
  readonly #patterns = new Map<string, RegExp>();
  readonly #members = new Map<StructureShape, readonly (readonly [string, ShapeRef])[]>();
  readonly #derived = new Map<(model: ServiceModel) => unknown, unknown>();

  constructor(service: string, json: ServiceModelJson) {
    this.service = service;
    this.metadata = json.metadata;
    // Maps rather than the parsed objects: an Action such as `constructor` must not find Object.prototype.
    this.#operations = new Map(Object.entries(json.operations));
    this.#shapes = new Map(Object.entries(json.shapes));
  }

  /** The operation called `name` exactly (case-sensitive, as AWS matches `Action`), if the model has it. */
  operation(name: string): OperationModel | undefined {
    return this.#operations.get(name);
  }

  /** Every operation name, in model order. */
  operationNames(): string[] {
    return [...this.#operations.keys()];
  }

  /** The shape called `name`. A missing shape is a broken model, so this throws a plain `Error`. */
  shape(name: string): Shape {
    const shape = this.#shapes.get(name);
    if (!shape) throw new Error(`${this.service} model has no shape ${name}`);
    return shape;
  }

  /** The shape a reference points to. */
  resolve(ref: ShapeRef): Shape {
    return this.shape(ref.shape);
  }

  /** The structure a reference points to; throws if it is another type (a broken model). */
  structure(ref: ShapeRef): StructureShape {
    const shape = this.shape(ref.shape);
    if (shape.type !== 'structure') throw new Error(`${this.service} shape ${ref.shape} is not a structure`);
    return shape;
  }

  /**
   * The members of a structure of this model as `[name, ref]` pairs in model order, listed once per model (codecs
   * walk them on every request).
   */
  members(shape: StructureShape): readonly (readonly [string, ShapeRef])[] {
    let members = this.#members.get(shape);
    if (!members) {
      members = Object.entries(shape.members);
      this.#members.set(shape, members);
    }
    return members;
  }

  /** The compiled, anchored form of a model `pattern`, compiled once per model. */
  pattern(source: string): RegExp {
    let regex = this.#patterns.get(source);
    if (!regex) {
      regex = compileJavaPattern(source);
      this.#patterns.set(source, regex);
    }
    return regex;
  }

  /**
   * Data computed once from this model by `build` (for example a route table), cached by the identity of
   * `build`. Pass a module-level function, not a fresh closure, or nothing is cached.
   */
  derive<T>(build: (model: ServiceModel) => T): T {
    if (this.#derived.has(build)) return this.#derived.get(build) as T;
    const value = build(this);
    this.#derived.set(build, value);
    return value;
  }
}

/**
 * Reads `models/<service>/service-2.json`. The path is relative to this file, which sits at the same depth in
 * `src/protocols/` and `dist/protocols/`, so it works from sources and from the built package.
 *
 * @example
 * const sts = loadServiceModel('sts');
 * sts.operation('AssumeRole')?.output?.resultWrapper; // 'AssumeRoleResult'
 */
export function loadServiceModel(service: ServiceName): ServiceModel {
  const url = new URL(`../../models/${service}/service-2.json`, import.meta.url);
  return new ServiceModel(service, JSON.parse(readFileSync(url, 'utf8')) as ServiceModelJson);
}

/**
 * @module core/iam/mfa-devices
 * Virtual MFA devices (IAM API reference: CreateVirtualMFADevice, EnableMFADevice, DeactivateMFADevice,
 * ListMFADevices, ListVirtualMFADevices, DeleteVirtualMFADevice): a TOTP seed (RFC 6238, SHA-1, 6 digits, 30 s, as
 * authenticator apps use) returned once as base32 and as a QR code PNG, sealed by the master key at rest. Enabling a
 * device for a user takes two consecutive codes, as AWS requires.
 */

import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Iam } from '../../shapes/index.js';
import type { AccountCaller } from '../authz/caller.js';
import type { MfaDeviceRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import { openText, type Sealer, sealText } from '../keyring/sealer.js';
import type { IamDeps } from './deps.js';
import { iamArn } from './documents.js';
import { paginate } from './pagination.js';
import { assertValidTags } from './tags.js';
import type { Users } from './users.js';
import { userToWire } from './wire.js';

/** How far back (in 30 s steps) the first of two codes may have been generated: apps lag, users type slowly. */
const STEPS_BACK = 10;

const sealContext = (serialNumber: string) => `iamd-mfa-seed-v1:${serialNumber}`;

const noDevice = (serialNumber: string) =>
  new AwsError('NoSuchEntity', `MFA Device with serial number ${serialNumber} does not exist.`);

/** Virtual MFA device use cases. */
export class MfaDevices {
  readonly #deps: IamDeps;
  readonly #users: Users;
  readonly #master: Sealer;

  constructor(deps: IamDeps, users: Users, master: Sealer) {
    this.#deps = deps;
    this.#users = users;
    this.#master = master;
  }

  #totp(device: MfaDeviceRecord): TOTP {
    const seed = openText(this.#master, device.seedCiphertext, sealContext(device.serialNumber));
    if (seed === undefined) throw new AwsError('InternalFailure');
    return new TOTP({ issuer: 'iamd', label: device.name, secret: Secret.fromBase32(seed) });
  }

  async #require(accountId: string, serialNumber: string): Promise<MfaDeviceRecord> {
    const device = await this.#deps.store.getMfaDevice(accountId, serialNumber);
    if (!device) throw noDevice(serialNumber);
    return device;
  }

  /** [CreateVirtualMFADevice](https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html) */
  async create(
    accountId: string,
    input: Iam.CreateVirtualMFADeviceRequest,
  ): Promise<Iam.CreateVirtualMFADeviceResponse> {
    assertValidTags(input.Tags ?? []);
    const path = input.Path ?? '/';
    const serialNumber = iamArn(accountId, 'mfa', path, input.VirtualMFADeviceName);
    const secret = new Secret({ buffer: Uint8Array.from(this.#deps.random.bytes(40)).buffer });
    const device: MfaDeviceRecord = {
      accountId,
      serialNumber,
      name: input.VirtualMFADeviceName,
      path,
      seedCiphertext: sealText(this.#master, secret.base32, sealContext(serialNumber)),
      createDate: this.#deps.clock.now(),
      tags: input.Tags ?? [],
    };
    if (!(await this.#deps.store.createMfaDevice(device))) {
      throw new AwsError('EntityAlreadyExists', 'MFADevice entity at the same path and name already exists.');
    }
    this.#deps.tracker.bump();
    const uri = new TOTP({ issuer: 'iamd', label: `${input.VirtualMFADeviceName}@${accountId}`, secret }).toString();
    return {
      VirtualMFADevice: {
        SerialNumber: serialNumber,
        Base32StringSeed: Buffer.from(secret.base32, 'ascii'),
        QRCodePNG: await QRCode.toBuffer(uri, { type: 'png' }),
        Tags: device.tags.length > 0 ? device.tags : undefined,
      },
    };
  }

  /**
   * [EnableMFADevice](https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableMFADevice.html): the two codes
   * must be consecutive ones of the device, the second at most one step in the future.
   */
  async enable(accountId: string, input: Iam.EnableMFADeviceRequest): Promise<void> {
    const user = await this.#users.require(accountId, input.UserName);
    const device = await this.#require(accountId, input.SerialNumber);
    if (device.userName !== undefined) {
      throw new AwsError('EntityAlreadyExists', 'MFA device is already in use.');
    }
    const totp = this.#totp(device);
    const now = this.#deps.clock.now().getTime();
    const step = totp.period * 1000;
    const consecutive = Array.from({ length: STEPS_BACK + 2 }, (_, i) => now + (1 - i) * step).some(
      (t) =>
        totp.generate({ timestamp: t - step }) === input.AuthenticationCode1 &&
        totp.generate({ timestamp: t }) === input.AuthenticationCode2,
    );
    if (!consecutive) throw new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.');
    await this.#deps.store.updateMfaDevice({ ...device, userName: user.userName, enableDate: this.#deps.clock.now() });
    this.#deps.tracker.bump();
  }

  /** [DeactivateMFADevice](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeactivateMFADevice.html) */
  async deactivate(accountId: string, input: Iam.DeactivateMFADeviceRequest): Promise<void> {
    const device = await this.#require(accountId, input.SerialNumber);
    if (input.UserName === undefined || device.userName?.toLowerCase() !== input.UserName.toLowerCase()) {
      throw noDevice(input.SerialNumber);
    }
    const { userName: _u, enableDate: _e, ...unassigned } = device;
    await this.#deps.store.updateMfaDevice(unassigned);
    this.#deps.tracker.bump();
  }

  /** [DeleteVirtualMFADevice](https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteVirtualMFADevice.html): only when deactivated. */
  async delete(accountId: string, input: Iam.DeleteVirtualMFADeviceRequest): Promise<void> {
    const device = await this.#require(accountId, input.SerialNumber);
    if (device.userName !== undefined) {
      throw new AwsError('DeleteConflict', 'MFA VirtualDevice in use. Must deactivate first.');
    }
    await this.#deps.store.deleteMfaDevice(accountId, device.serialNumber);
    this.#deps.tracker.bump();
  }

  /** [ListMFADevices](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListMFADevices.html): the named user's, or the caller's. */
  async listForUser(caller: AccountCaller, input: Iam.ListMFADevicesRequest): Promise<Iam.ListMFADevicesResponse> {
    const name = input.UserName ?? (caller.kind === 'user' ? caller.userName : undefined);
    if (name === undefined) {
      throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
    }
    const user = await this.#users.require(caller.accountId, name);
    const devices = (await this.devicesOf(caller.accountId, user.userName)).map((d) => ({
      UserName: user.userName,
      SerialNumber: d.serialNumber,
      EnableDate: d.enableDate ?? d.createDate,
    }));
    const page = paginate(devices, input.Marker, input.MaxItems, (d) => d.SerialNumber);
    return { MFADevices: [...page.items], IsTruncated: page.isTruncated, Marker: page.marker };
  }

  /** [ListVirtualMFADevices](https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListVirtualMFADevices.html) */
  async listVirtual(
    accountId: string,
    input: Iam.ListVirtualMFADevicesRequest,
  ): Promise<Iam.ListVirtualMFADevicesResponse> {
    const status = input.AssignmentStatus ?? 'Any';
    const devices = (await this.#deps.store.listMfaDevices(accountId)).filter(
      (d) => status === 'Any' || (status === 'Assigned') === (d.userName !== undefined),
    );
    const page = paginate(devices, input.Marker, input.MaxItems, (d) => d.name.toLowerCase());
    const wire: Iam.VirtualMFADevice[] = [];
    for (const d of page.items) {
      const user = d.userName === undefined ? undefined : await this.#deps.store.getUser(accountId, d.userName);
      wire.push({
        SerialNumber: d.serialNumber,
        User: user && userToWire(user),
        EnableDate: d.enableDate,
        Tags: d.tags.length > 0 ? d.tags : undefined,
      });
    }
    return { VirtualMFADevices: wire, IsTruncated: page.isTruncated, Marker: page.marker };
  }

  /** The devices enabled for a user (DeleteUser refuses while there are any). */
  async devicesOf(accountId: string, userName: string): Promise<MfaDeviceRecord[]> {
    const folded = userName.toLowerCase();
    return (await this.#deps.store.listMfaDevices(accountId)).filter((d) => d.userName?.toLowerCase() === folded);
  }

  /**
   * Whether `code` is the current code of the device enabled for `userName` (one step of clock drift allowed): for
   * STS calls that carry `SerialNumber` and `TokenCode`.
   *
   * @example
   * await mfa.verify('000000000000', 'arn:aws:iam::000000000000:mfa/phone', 'alice', '123456');
   */
  async verify(accountId: string, serialNumber: string, userName: string | undefined, code: string): Promise<boolean> {
    const device = await this.#deps.store.getMfaDevice(accountId, serialNumber);
    if (!device?.userName || (userName !== undefined && device.userName.toLowerCase() !== userName.toLowerCase())) {
      return false;
    }
    return (
      this.#totp(device).validate({ token: code, timestamp: this.#deps.clock.now().getTime(), window: 1 }) !== null
    );
  }
}

/**
 * Virtual MFA devices through the JS SDK v3: the seed and QR code returned once, enabling with two consecutive
 * TOTP codes (as an authenticator app shows them), listings, and the conflicts of deleting a device or its user.
 */

import {
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetAccountSummaryCommand,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { clientsFor, failure } from '../support/aws-clients.js';

let t: TestApp;
let admin: ReturnType<typeof clientsFor>['iam'];

beforeAll(async () => {
  t = await startTestApp();
  admin = clientsFor(t, t.root).iam;
});

afterAll(async () => {
  await t?.app.close();
});

describe('virtual MFA devices', () => {
  it('creates, enables with two consecutive codes, lists, protects and deletes a device', async () => {
    const created = (await admin.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' })))
      .VirtualMFADevice!;
    expect(created.SerialNumber).toBe(`arn:aws:iam::${t.accountId}:mfa/alice-phone`);
    const seed = Buffer.from(created.Base32StringSeed!).toString('ascii');
    expect(seed).toMatch(/^[A-Z2-7]{64}$/);
    expect(Buffer.from(created.QRCodePNG!).subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    const duplicate = await failure(
      admin.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'ALICE-PHONE' })),
    );
    expect(duplicate.name).toBe('EntityAlreadyExistsException');

    await admin.send(new CreateUserCommand({ UserName: 'alice' }));
    const app = new TOTP({ secret: Secret.fromBase32(seed) });
    const now = t.clock.now().getTime();
    const codes = {
      AuthenticationCode1: app.generate({ timestamp: now - 30_000 }),
      AuthenticationCode2: app.generate({ timestamp: now }),
    };
    const reversed = await failure(
      admin.send(
        new EnableMFADeviceCommand({
          UserName: 'alice',
          SerialNumber: created.SerialNumber,
          AuthenticationCode1: codes.AuthenticationCode2,
          AuthenticationCode2: codes.AuthenticationCode1,
        }),
      ),
    );
    expect(reversed).toMatchObject({
      name: 'InvalidAuthenticationCodeException',
      message: 'Authentication code for device is not valid.',
      status: 403,
    });
    await admin.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: created.SerialNumber, ...codes }));
    expect(
      await t.app.services.iam.mfaDevices.verify(
        t.accountId,
        created.SerialNumber!,
        'alice',
        app.generate({ timestamp: now }),
      ),
    ).toBe(true);
    expect(
      await t.app.services.iam.mfaDevices.verify(
        t.accountId,
        created.SerialNumber!,
        'bob',
        app.generate({ timestamp: now }),
      ),
    ).toBe(false);

    const listed = await admin.send(new ListMFADevicesCommand({ UserName: 'alice' }));
    expect(listed.MFADevices?.map((d) => [d.UserName, d.SerialNumber])).toEqual([['alice', created.SerialNumber]]);
    expect(listed.MFADevices?.[0]?.EnableDate).toBeInstanceOf(Date);
    const assigned = await admin.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    expect(assigned.VirtualMFADevices?.map((d) => [d.SerialNumber, d.User?.UserName])).toEqual([
      [created.SerialNumber, 'alice'],
    ]);
    expect(assigned.VirtualMFADevices?.[0]?.Base32StringSeed).toBeUndefined();
    expect((await admin.send(new GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({
      MFADevices: 1,
      MFADevicesInUse: 1,
    });

    expect((await failure(admin.send(new DeleteUserCommand({ UserName: 'alice' })))).message).toBe(
      'Cannot delete entity, must delete MFA device first.',
    );
    expect(
      (await failure(admin.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: created.SerialNumber })))).name,
    ).toBe('DeleteConflictException');
    await admin.send(new DeactivateMFADeviceCommand({ UserName: 'alice', SerialNumber: created.SerialNumber }));
    expect(
      (await admin.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices,
    ).toHaveLength(1);
    await admin.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: created.SerialNumber }));
    await admin.send(new DeleteUserCommand({ UserName: 'alice' }));
    expect((await admin.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices).toEqual([]);
  });
});

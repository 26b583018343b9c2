/**
 * Shared by the S3 compatibility suites: an IAM user with an inline policy, and its S3 client.
 */

import { CreateAccessKeyCommand, CreateUserCommand, type IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import { type Credentials, clientsFor, policyDocument } from './aws-clients.js';

/** Creates user `name` allowed (or denied) by `statements`, and returns its credentials and S3 client. */
export async function userWith(
  t: { readonly endpoint: string },
  iam: IAMClient,
  name: string,
  ...statements: object[]
): Promise<{ credentials: Credentials; s3: S3Client }> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (statements.length > 0) {
    await iam.send(
      new PutUserPolicyCommand({ UserName: name, PolicyName: 'inline', PolicyDocument: policyDocument(...statements) }),
    );
  }
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  const credentials = { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
  return { credentials, s3: clientsFor(t, credentials).s3 };
}

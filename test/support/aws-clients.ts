/**
 * Shared by the compatibility suites: SDK clients against a test app, and the AWS error a call fails with.
 */

import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';

export type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** IAM, STS and S3 clients of the iamd at `t.endpoint`, signing with `credentials`. */
export function clientsFor(t: { readonly endpoint: string }, credentials: Credentials) {
  const common = { endpoint: t.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 };
  return {
    iam: new IAMClient(common),
    sts: new STSClient(common),
    s3: new S3Client({ ...common, forcePathStyle: true }),
  };
}

/** Runs `promise` and returns the AWS error it failed with (code, message, HTTP status). */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return {
      name: e.name,
      message: e.message,
      ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}),
    };
  }
  throw new Error('expected the call to fail');
}

/** A policy document with the given statements. */
export const policyDocument = (...statements: object[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

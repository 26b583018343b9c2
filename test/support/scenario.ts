/**
 * The documents of the seed scenario (docs/getting-started.md): a role EC2 may assume, a read-only S3 policy,
 * an instance profile, a bucket with one object.
 */

export const ROLE_NAME = 'ec2-s3-access-role';
export const POLICY_NAME = 'ec2-s3-read-policy';
export const PROFILE_NAME = 'ec2-s3-instance-profile';
export const BUCKET = 'my-sts-demo-bucket';

/** Trust policy: EC2, and principals of the account that an identity policy lets assume it (delegation). */
export const trustPolicy = (accountId: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com', AWS: `arn:aws:iam::${accountId}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  });

/** Read-only access to the bucket: list it, read its objects. */
export const readPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ListTheBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}` },
    { Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` },
  ],
});

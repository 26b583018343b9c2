// A workload as an application would write it: the JS SDK v3 with its default credential chain and nothing else.
// Prints one JSON line: what it could list and read, and how a write ended.
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const bucket = process.argv[2];
const s3 = new S3Client({ forcePathStyle: true, maxAttempts: 1 });
const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
const keys = (listed.Contents ?? []).map((object) => object.Key);
const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: keys[0] }));
const body = await object.Body.transformToString();
let write;
try {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'from-workload.txt', Body: 'no' }));
  write = 'allowed';
} catch (error) {
  write = error.name;
}
const credentials = await s3.config.credentials();
console.log(JSON.stringify({ keys, body, write, accessKeyId: credentials.accessKeyId }));

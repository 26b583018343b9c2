/**
 * @module core/s3/multipart-service
 * Multipart uploads (S3 User Guide, "Uploading and copying objects using multipart upload"; API reference, one page
 * per action). Each part streams to its own blob; CompleteMultipartUpload streams the listed parts, in order, into one
 * new blob, commits it, and only then swaps the object record in (one store transaction that also forgets the upload),
 * so a crash leaves either the upload or the complete object. The ETag is S3's: the MD5 of the parts' binary MD5s,
 * then `-<number of parts>`. Additional checksums (composite or full-object) follow ./multipart-checksums.ts.
 */

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { mintOpaqueId } from '../../ids/index.js';
import type { S3 } from '../../shapes/index.js';
import type { MultipartPartRecord, MultipartUploadRecord, ObjectRecord } from '../entities.js';
import { AwsError } from '../errors.js';
import type { BlobStore, Clock, Random, S3Store } from '../ports.js';
import { checkWriteAcl } from './bucket-acls.js';
import { checksumOutput, createChecksumTap, planChecksum } from './checksums.js';
import { parseCopySource } from './copy-source.js';
import { requireBucket, requireObject } from './lookups.js';
import { checkCopySourceConditions, checkWriteConditions, etagMatches } from './object-conditions.js';
import { checkKey, contentHeadersOf, metadataOf } from './object-headers.js';
import { parseTaggingHeader } from './object-tags.js';
import {
  completionChecksum,
  multipartChecksumOf,
  objectChecksum,
  partChecksumRule,
  uploadChecksum,
  writeMeasured,
} from './multipart-checksums.js';
import type { UploadIntegrity } from './s3-service.js';
import { writeVerified } from './verified-write.js';
import { versionIdFor } from './versions.js';

/** Dependencies of the multipart use cases. */
export interface MultipartDeps {
  readonly store: S3Store;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly random: Random;
}

/** Every part but the last must be at least 5 MiB (S3 "Amazon S3 multipart upload limits"). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;
const OWNER_DISPLAY = 'iamd';

const owner = (id: string) => ({ ID: id, DisplayName: OWNER_DISPLAY });

function checkPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
  }
}

/** S3's multipart ETag: MD5 over the concatenated binary MD5s of the parts, then `-N`. */
export function multipartEtag(partEtags: readonly string[]): string {
  const md5 = createHash('md5');
  for (const etag of partEtags) md5.update(Buffer.from(etag.replace(/"/g, ''), 'hex'));
  return `"${md5.digest('hex')}-${partEtags.length}"`;
}

/** The parts' bytes, one blob after the other, without holding more than a read buffer. */
function concatenated(blobs: BlobStore, parts: readonly MultipartPartRecord[]): Readable {
  return Readable.from(
    (async function* () {
      for (const part of parts) yield* blobs.read(part.blobId);
    })(),
  );
}

/** Multipart upload use cases. */
export class MultipartService {
  readonly #deps: MultipartDeps;

  constructor(deps: MultipartDeps) {
    this.#deps = deps;
  }

  async #upload(bucket: string, key: string, uploadId: string): Promise<MultipartUploadRecord> {
    await requireBucket(this.#deps.store, bucket);
    const upload = await this.#deps.store.getUpload(uploadId);
    if (!upload || upload.bucket !== bucket || upload.key !== key) throw new AwsError('NoSuchUpload');
    return upload;
  }

  async #savePart(part: MultipartPartRecord): Promise<void> {
    const replaced = await this.#deps.store.putPart(part).catch(async (error: unknown) => {
      await this.#deps.blobs.discard(part.blobId);
      throw error;
    });
    if (replaced) await this.#deps.blobs.discard(replaced.blobId);
  }

  /** [CreateMultipartUpload](https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html) */
  async create(initiator: string, input: S3.CreateMultipartUploadRequest): Promise<S3.CreateMultipartUploadOutput> {
    const bucket = await requireBucket(this.#deps.store, input.Bucket);
    await checkWriteAcl(this.#deps.store, bucket, input);
    checkKey(input.Key);
    const checksum = multipartChecksumOf(input);
    const upload: MultipartUploadRecord = {
      uploadId: mintOpaqueId(this.#deps.random.bytes(32)),
      bucket: input.Bucket,
      key: input.Key,
      initiated: this.#deps.clock.now(),
      initiator,
      contentType: input.ContentType,
      metadata: metadataOf(input),
      headers: contentHeadersOf(input),
      tags: parseTaggingHeader(input.Tagging),
      checksumAlgorithm: checksum?.algorithm,
      checksumType: checksum?.type,
    };
    await this.#deps.store.createUpload(upload);
    return {
      Bucket: input.Bucket,
      Key: input.Key,
      UploadId: upload.uploadId,
      ChecksumAlgorithm: checksum?.algorithm,
      ChecksumType: checksum?.type,
      ServerSideEncryption: 'AES256',
    };
  }

  /** [UploadPart](https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html): streamed, never buffered. */
  async uploadPart(
    input: S3.UploadPartRequest,
    body: Readable,
    integrity: UploadIntegrity,
  ): Promise<S3.UploadPartOutput> {
    checkPartNumber(input.PartNumber);
    const upload = await this.#upload(input.Bucket, input.Key, input.UploadId);
    const plan = planChecksum(input, integrity.trailer);
    const compute = partChecksumRule(uploadChecksum(upload), plan);
    const blob = await writeVerified(this.#deps.blobs, body, integrity, input, { plan, compute });
    const part: MultipartPartRecord = {
      uploadId: input.UploadId,
      partNumber: input.PartNumber,
      blobId: blob.blobId,
      size: blob.size,
      etag: `"${blob.md5}"`,
      lastModified: this.#deps.clock.now(),
      checksums: blob.checksums,
    };
    await this.#savePart(part);
    return { ETag: part.etag, ServerSideEncryption: 'AES256', ...checksumOutput(blob.checksums) };
  }

  /** [UploadPartCopy](https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html) */
  async uploadPartCopy(input: S3.UploadPartCopyRequest): Promise<S3.UploadPartCopyOutput> {
    checkPartNumber(input.PartNumber);
    const source = parseCopySource(input.CopySource);
    const object = await requireObject(this.#deps.store, source.bucket, source.key, source.versionId);
    const upload = await this.#upload(input.Bucket, input.Key, input.UploadId);
    checkCopySourceConditions(object, input);
    const range = copyRange(input.CopySourceRange, object.size);
    const bytes = this.#deps.blobs.read(object.blobId, range);
    const { written, checksums } = await writeMeasured(this.#deps.blobs, bytes, uploadChecksum(upload)?.algorithm);
    const part: MultipartPartRecord = {
      uploadId: input.UploadId,
      partNumber: input.PartNumber,
      blobId: written.blobId,
      size: written.size,
      etag: `"${written.md5}"`,
      lastModified: this.#deps.clock.now(),
      checksums,
    };
    await this.#savePart(part);
    return {
      CopyPartResult: { ETag: part.etag, LastModified: part.lastModified, ...checksumOutput(checksums) },
      ServerSideEncryption: 'AES256',
    };
  }

  /** The listed parts, checked as S3 checks them: ascending, uploaded, matching ETags, all but the last ≥ 5 MiB. */
  async #chosenParts(input: S3.CompleteMultipartUploadRequest): Promise<MultipartPartRecord[]> {
    const listed = input.MultipartUpload?.Parts ?? [];
    if (listed.length === 0) throw new AwsError('MalformedXML');
    const stored = new Map((await this.#deps.store.listParts(input.UploadId)).map((p) => [p.partNumber, p]));
    const chosen: MultipartPartRecord[] = [];
    for (const [index, { PartNumber, ETag }] of listed.entries()) {
      if (PartNumber === undefined || (index > 0 && PartNumber <= (listed[index - 1]?.PartNumber ?? 0))) {
        throw new AwsError('InvalidPartOrder');
      }
      const part = stored.get(PartNumber);
      if (!part || ETag === undefined || !etagMatches(ETag, part.etag) || ETag.trim() === '*') {
        throw new AwsError('InvalidPart');
      }
      chosen.push(part);
    }
    for (const part of chosen.slice(0, -1)) if (part.size < MIN_PART_BYTES) throw new AwsError('EntityTooSmall');
    return chosen;
  }

  /** [CompleteMultipartUpload](https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html) */
  async complete(input: S3.CompleteMultipartUploadRequest): Promise<S3.CompleteMultipartUploadOutput> {
    const upload = await this.#upload(input.Bucket, input.Key, input.UploadId);
    const versionId = versionIdFor(await requireBucket(this.#deps.store, input.Bucket), this.#deps.random);
    const parts = await this.#chosenParts(input);
    const checksum = completionChecksum(upload, input, parts);
    checkWriteConditions(await this.#deps.store.getObject(input.Bucket, input.Key), input);
    const tap = checksum?.type === 'FULL_OBJECT' ? createChecksumTap(checksum.algorithm) : undefined;
    const bytes = concatenated(this.#deps.blobs, parts);
    const written = await this.#deps.blobs.write(tap ? tap.measure(bytes) : bytes, { sha256: false });
    let checksums: Readonly<Record<string, string>>;
    try {
      checksums = objectChecksum(checksum, tap?.digest());
    } catch (error) {
      await this.#deps.blobs.discard(written.blobId);
      throw error;
    }
    await this.#deps.blobs.commit(written.blobId);
    const record: ObjectRecord = {
      bucket: upload.bucket,
      key: upload.key,
      blobId: written.blobId,
      size: written.size,
      etag: multipartEtag(parts.map((p) => p.etag)),
      lastModified: this.#deps.clock.now(),
      contentType: upload.contentType,
      metadata: upload.metadata,
      checksums,
      headers: upload.headers,
      tags: upload.tags,
      partsCount: parts.length,
      partSizes: parts.map((p) => p.size),
      versionId,
    };
    const done = await this.#deps.store.completeUpload(upload.uploadId, record).catch(async (error: unknown) => {
      await this.#deps.blobs.discard(written.blobId);
      throw error;
    });
    if (!done) {
      await this.#deps.blobs.discard(written.blobId);
      throw new AwsError('NoSuchUpload');
    }
    if (done.replaced && !done.replaced.deleteMarker) await this.#deps.blobs.discard(done.replaced.blobId);
    // Parts not listed in the request are discarded with the rest (CompleteMultipartUpload API reference).
    for (const part of done.parts) await this.#deps.blobs.discard(part.blobId);
    return {
      Location: `/${upload.bucket}/${upload.key}`,
      Bucket: upload.bucket,
      Key: upload.key,
      ETag: record.etag,
      ServerSideEncryption: 'AES256',
      VersionId: versionId,
      ...checksumOutput(checksums),
    };
  }

  /** [AbortMultipartUpload](https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html): 204. */
  async abort(input: S3.AbortMultipartUploadRequest): Promise<S3.AbortMultipartUploadOutput> {
    await this.#upload(input.Bucket, input.Key, input.UploadId);
    const parts = await this.#deps.store.deleteUpload(input.UploadId);
    if (!parts) throw new AwsError('NoSuchUpload');
    for (const part of parts) await this.#deps.blobs.discard(part.blobId);
    return {};
  }

  /** [ListParts](https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html) */
  async listParts(input: S3.ListPartsRequest): Promise<S3.ListPartsOutput> {
    const upload = await this.#upload(input.Bucket, input.Key, input.UploadId);
    const maxParts = Math.min(input.MaxParts ?? 1000, 1000);
    const marker = Number(input.PartNumberMarker ?? 0);
    const after = (await this.#deps.store.listParts(input.UploadId)).filter((p) => p.partNumber > marker);
    const page = after.slice(0, maxParts);
    const truncated = after.length > page.length;
    return {
      Bucket: upload.bucket,
      Key: upload.key,
      UploadId: upload.uploadId,
      PartNumberMarker: marker,
      NextPartNumberMarker: truncated ? page.at(-1)?.partNumber : undefined,
      MaxParts: maxParts,
      IsTruncated: truncated,
      Parts: page.map((p) => ({
        PartNumber: p.partNumber,
        LastModified: p.lastModified,
        ETag: p.etag,
        Size: p.size,
        ...checksumOutput(p.checksums),
      })),
      Initiator: owner(upload.initiator),
      Owner: owner(upload.initiator),
      StorageClass: 'STANDARD',
      ChecksumAlgorithm: upload.checksumAlgorithm as S3.ChecksumAlgorithm | undefined,
      ChecksumType: upload.checksumType,
    };
  }

  /** [ListMultipartUploads](https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html) */
  async listUploads(input: S3.ListMultipartUploadsRequest): Promise<S3.ListMultipartUploadsOutput> {
    await requireBucket(this.#deps.store, input.Bucket);
    const prefix = input.Prefix ?? '';
    const keyMarker = input.KeyMarker ?? '';
    const idMarker = input.UploadIdMarker;
    const maxUploads = Math.min(input.MaxUploads ?? 1000, 1000);
    const candidates = (await this.#deps.store.listUploads(input.Bucket)).filter(
      (u) =>
        u.key.startsWith(prefix) &&
        (keyMarker === '' ||
          u.key > keyMarker ||
          (u.key === keyMarker && idMarker !== undefined && u.uploadId > idMarker)),
    );
    const uploads: MultipartUploadRecord[] = [];
    const prefixes: string[] = [];
    let truncated = false;
    for (const upload of candidates) {
      const at = input.Delimiter ? upload.key.indexOf(input.Delimiter, prefix.length) : -1;
      const rolled = at < 0 ? undefined : upload.key.slice(0, at + (input.Delimiter?.length ?? 0));
      if (rolled !== undefined && prefixes.at(-1) === rolled) continue;
      if (uploads.length + prefixes.length >= maxUploads) {
        truncated = true;
        break;
      }
      if (rolled !== undefined) prefixes.push(rolled);
      else uploads.push(upload);
    }
    const last = uploads.at(-1);
    return {
      Bucket: input.Bucket,
      KeyMarker: keyMarker,
      UploadIdMarker: idMarker ?? '',
      NextKeyMarker: truncated ? last?.key : undefined,
      NextUploadIdMarker: truncated ? last?.uploadId : undefined,
      Prefix: input.Prefix,
      Delimiter: input.Delimiter,
      MaxUploads: maxUploads,
      IsTruncated: truncated,
      Uploads: uploads.map((u) => ({
        UploadId: u.uploadId,
        Key: u.key,
        Initiated: u.initiated,
        StorageClass: 'STANDARD',
        Owner: owner(u.initiator),
        Initiator: owner(u.initiator),
        ChecksumAlgorithm: u.checksumAlgorithm as S3.ChecksumAlgorithm | undefined,
        ChecksumType: u.checksumType,
      })),
      CommonPrefixes: prefixes.map((p) => ({ Prefix: p })),
    };
  }
}

/** UploadPartCopy's `x-amz-copy-source-range: bytes=first-last`, which must lie within the source. */
function copyRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (!match || end < start || end >= size) {
    throw new AwsError('InvalidArgument', `Range specified is not valid for source object of size: ${size}`);
  }
  return { start, end };
}

/**
 * @module protocols/rest-xml/root-names
 * The root element of S3 response bodies whose output shape has no `payload` member. The model does not carry
 * these names (the SDK parsers ignore the root), but S3 and other clients use them; they are the names in the
 * S3 API Reference response syntax of each operation.
 */

const S3_ROOT_ELEMENTS: Readonly<Record<string, string>> = {
  CompleteMultipartUpload: 'CompleteMultipartUploadResult',
  CreateMultipartUpload: 'InitiateMultipartUploadResult',
  CreateSession: 'CreateSessionResult',
  DeleteObjects: 'DeleteResult',
  GetBucketAccelerateConfiguration: 'AccelerateConfiguration',
  GetBucketAcl: 'AccessControlPolicy',
  GetBucketCors: 'CORSConfiguration',
  GetBucketLifecycleConfiguration: 'LifecycleConfiguration',
  GetBucketLogging: 'BucketLoggingStatus',
  GetBucketNotificationConfiguration: 'NotificationConfiguration',
  GetBucketRequestPayment: 'RequestPaymentConfiguration',
  GetBucketTagging: 'Tagging',
  GetBucketVersioning: 'VersioningConfiguration',
  GetBucketWebsite: 'WebsiteConfiguration',
  GetObjectAcl: 'AccessControlPolicy',
  GetObjectAttributes: 'GetObjectAttributesResponse',
  GetObjectTagging: 'Tagging',
  ListBuckets: 'ListAllMyBucketsResult',
  ListDirectoryBuckets: 'ListAllMyDirectoryBucketsResult',
  ListMultipartUploads: 'ListMultipartUploadsResult',
  ListObjectVersions: 'ListVersionsResult',
  ListObjects: 'ListBucketResult',
  ListObjectsV2: 'ListBucketResult',
  ListParts: 'ListPartsResult',
};

/**
 * The root element name for an operation's XML body; `<Operation>Result` when S3 documents none we know.
 *
 * @example
 * s3RootElement('ListObjectsV2'); // 'ListBucketResult'
 */
export function s3RootElement(operation: string): string {
  return Object.hasOwn(S3_ROOT_ELEMENTS, operation) ? (S3_ROOT_ELEMENTS[operation] as string) : `${operation}Result`;
}

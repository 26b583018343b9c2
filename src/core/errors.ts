/**
 * @module core/errors
 * The one registry of AWS error codes iamd emits. Each protocol renders an {@link AwsError} at the edge
 * (Query `ErrorResponse`, S3 `<Error>`, IMDS plain text); the domain only picks the code.
 *
 * Codes, statuses and default messages follow the AWS Common Errors pages, the botocore service models
 * (`error.httpStatusCode`) and the S3 error-code list (see ../shared/design/WIRE.md §2 and §5).
 */

/** Whether the caller or the server is at fault (the `<Type>` element of Query errors). */
export type ErrorFault = 'Sender' | 'Receiver';

/** One registry entry. `s3` overrides how the same failure is spelled by S3 (its own codes and statuses). */
export interface ErrorSpec {
  readonly status: number;
  readonly fault: ErrorFault;
  readonly message: string;
  readonly s3?: { readonly code: string; readonly status: number; readonly message: string };
}

const sender = (status: number, message: string, s3?: ErrorSpec['s3']): ErrorSpec =>
  s3 ? { status, fault: 'Sender', message, s3 } : { status, fault: 'Sender', message };

/**
 * Every code iamd can emit. The messages are AWS's own wording where AWS publishes one.
 * `docs/errors.md` is checked against this table by a test.
 */
export const errorRegistry = {
  // Authentication (Common Errors; S3 spells these differently).
  MissingAuthenticationToken: sender(403, 'Missing Authentication Token', {
    code: 'AccessDenied',
    status: 403,
    message: 'Access Denied',
  }),
  IncompleteSignature: sender(400, 'The request signature does not conform to AWS standards.', {
    code: 'AuthorizationHeaderMalformed',
    status: 400,
    message: 'The authorization header is malformed.',
  }),
  InvalidClientTokenId: sender(403, 'The security token included in the request is invalid.', {
    code: 'InvalidAccessKeyId',
    status: 403,
    message: 'The AWS Access Key Id you provided does not exist in our records.',
  }),
  SignatureDoesNotMatch: sender(
    403,
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    {
      code: 'SignatureDoesNotMatch',
      status: 403,
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    },
  ),
  ExpiredToken: sender(403, 'The security token included in the request is expired', {
    code: 'ExpiredToken',
    status: 400,
    message: 'The provided token has expired.',
  }),
  InvalidToken: sender(403, 'The security token included in the request is invalid.', {
    code: 'InvalidToken',
    status: 400,
    message: 'The provided token is malformed or otherwise invalid.',
  }),
  RequestExpired: sender(400, 'Request has expired.', {
    code: 'RequestTimeTooSkewed',
    status: 403,
    message: 'The difference between the request time and the current time is too large.',
  }),
  XAmzContentSHA256Mismatch: sender(
    400,
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
  ),
  // S3 only: a presigned URL's X-Amz-* parameters are malformed (the query-string twin of AuthorizationHeaderMalformed).
  AuthorizationQueryParametersError: sender(400, 'Error parsing the X-Amz-Credential parameter.'),
  AccessDenied: sender(403, 'Access Denied'),

  // Request shape (Common Errors).
  InvalidAction: sender(
    400,
    'The action or operation requested is invalid. Verify that the action is typed correctly.',
  ),
  MissingAction: sender(400, 'The request is missing an action or a required parameter.'),
  MissingParameter: sender(400, 'A required parameter for the specified action is not supplied.'),
  InvalidParameterValue: sender(400, 'An invalid or out-of-range value was supplied for the input parameter.'),
  InvalidParameterCombination: sender(400, 'Parameters that must not be used together were used together.'),
  ValidationError: sender(400, 'The input fails to satisfy the constraints specified by an AWS service.'),
  RequestEntityTooLarge: sender(413, 'The request body is too large.'),
  // JSON protocols (awsJson1_1): a body that is not JSON of the model's types.
  SerializationException: sender(400, 'The request body could not be read.'),
  UnknownOperationException: sender(400, 'The operation named by X-Amz-Target is not known.'),

  // IAM modelled errors (botocore IAM model).
  NoSuchEntity: sender(404, 'The request was rejected because it referenced a resource entity that does not exist.'),
  EntityAlreadyExists: sender(
    409,
    'The request was rejected because it attempted to create a resource that already exists.',
  ),
  DeleteConflict: sender(
    409,
    'The request was rejected because it attempted to delete a resource that has attached subordinate entities.',
  ),
  LimitExceeded: sender(
    409,
    'The request was rejected because it attempted to create resources beyond the current AWS account limits.',
  ),
  MalformedPolicyDocument: sender(400, 'The policy document was malformed.'),
  InvalidInput: sender(
    400,
    'The request was rejected because an invalid or out-of-range value was supplied for an input parameter.',
  ),
  UnmodifiableEntity: sender(
    400,
    'The request was rejected because service-linked roles are protected AWS resources. Only the service that depends on the service-linked role can modify or delete the role on your behalf.',
  ),
  ConcurrentModification: sender(
    409,
    'The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again.',
  ),
  EntityTemporarilyUnmodifiable: sender(
    409,
    'The request was rejected because it referenced an entity that is temporarily unmodifiable, such as a user name that was deleted and then recreated.',
  ),
  InvalidAuthenticationCode: sender(
    403,
    'The request was rejected because the authentication code was not recognized. The error message describes the specific error.',
  ),
  PasswordPolicyViolation: sender(
    400,
    'The request was rejected because the provided password did not meet the requirements imposed by the account password policy.',
  ),
  MalformedCertificate: sender(
    400,
    'The request was rejected because the certificate was malformed or expired. The error message describes the specific error.',
  ),
  InvalidCertificate: sender(400, 'The request was rejected because the certificate is invalid.'),
  DuplicateCertificate: sender(
    409,
    'The request was rejected because the same certificate is associated with an IAM user in the account.',
  ),
  InvalidPublicKey: sender(400, 'The request was rejected because the public key is malformed or otherwise invalid.'),
  DuplicateSSHPublicKey: sender(
    400,
    'The request was rejected because the SSH public key is already associated with the specified IAM user.',
  ),
  UnrecognizedPublicKeyEncoding: sender(
    400,
    'The request was rejected because the public key encoding format is unsupported or unrecognized.',
  ),
  NotSupportedService: sender(404, 'The specified service does not support service-specific credentials.'),
  PolicyNotAttachable: sender(
    400,
    'The request failed because AWS service role policies can only be attached to the service-linked role for that service.',
  ),

  // STS modelled errors (botocore STS model).
  PackedPolicyTooLarge: sender(
    400,
    'The request was rejected because the total packed size of the session policies and session tags combined was too large.',
  ),
  InvalidAuthorizationMessageException: sender(
    400,
    'The error returned if the message passed to DecodeAuthorizationMessage was invalid. This can happen if the token contains invalid characters, such as line breaks, or if the message has expired.',
  ),
  // Federation (botocore STS model: AssumeRoleWithWebIdentity / AssumeRoleWithSAML).
  InvalidIdentityToken: sender(
    400,
    'The web identity token that was passed could not be validated by Amazon Web Services. Get a new identity token from the identity provider and then retry the request.',
  ),
  ExpiredTokenException: sender(
    400,
    'The web identity token that was passed is expired or is not valid. Get a new identity token from the identity provider and then retry the request.',
  ),
  IDPRejectedClaim: sender(
    403,
    'The identity provider (IdP) reported that authentication failed. This might be because the claim is invalid.',
  ),
  IDPCommunicationError: sender(
    400,
    'The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached.',
  ),
  Throttling: sender(400, 'Rate exceeded'),
  RegionDisabledException: sender(
    403,
    'STS is not activated in the requested region for the account that is being asked to generate credentials.',
  ),

  // S3 (S3 API reference, "Error responses").
  NoSuchBucket: sender(404, 'The specified bucket does not exist'),
  NoSuchKey: sender(404, 'The specified key does not exist.'),
  NoSuchVersion: sender(404, 'The specified version does not exist.'),
  BucketAlreadyExists: sender(
    409,
    'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
  ),
  BucketAlreadyOwnedByYou: sender(
    409,
    'Your previous request to create the named bucket succeeded and you already own it.',
  ),
  BucketNotEmpty: sender(409, 'The bucket you tried to delete is not empty'),
  InvalidBucketName: sender(400, 'The specified bucket is not valid.'),
  InvalidArgument: sender(400, 'Invalid Argument'),
  InvalidRequest: sender(400, 'Invalid Request'),
  MalformedXML: sender(
    400,
    'The XML you provided was not well-formed or did not validate against our published schema.',
  ),
  BadDigest: sender(
    400,
    'The Content-MD5 or checksum value that you specified did not match what the server received.',
  ),
  InvalidDigest: sender(400, 'The Content-MD5 you specified is not valid.'),
  MalformedTrailerError: sender(
    400,
    'The request contained trailing data that was not well-formed or did not conform to our published schema.',
  ),
  IncompleteBody: sender(400, 'You did not provide the number of bytes specified by the Content-Length HTTP header.'),
  MissingContentLength: sender(411, 'You must provide the Content-Length HTTP header.'),
  EntityTooLarge: sender(400, 'Your proposed upload exceeds the maximum allowed object size.'),
  NoSuchBucketPolicy: sender(404, 'The bucket policy does not exist'),
  MalformedPolicy: sender(400, "Policies must be valid JSON and the first byte must be '{'"),
  NoSuchPublicAccessBlockConfiguration: sender(404, 'The public access block configuration was not found'),
  MethodNotAllowed: sender(405, 'The specified method is not allowed against this resource.'),
  // S3 objects, multipart uploads and bucket sub-resources (S3 API reference, "List of error codes").
  NotModified: sender(304, 'Not Modified'),
  PreconditionFailed: sender(412, 'At least one of the pre-conditions you specified did not hold'),
  InvalidRange: sender(416, 'The requested range is not satisfiable'),
  InvalidPartNumber: sender(416, 'The requested partnumber is not satisfiable'),
  KeyTooLongError: sender(400, 'Your key is too long'),
  MetadataTooLarge: sender(400, 'Your metadata headers exceed the maximum allowed metadata size'),
  NoSuchUpload: sender(
    404,
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  ),
  InvalidPart: sender(
    400,
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
  ),
  InvalidPartOrder: sender(400, 'The list of parts was not in ascending order. Parts must be ordered by part number.'),
  EntityTooSmall: sender(400, 'Your proposed upload is smaller than the minimum allowed object size.'),
  InvalidTag: sender(400, 'The tag provided was not a valid tag.'),
  NoSuchTagSet: sender(404, 'The TagSet does not exist'),
  NoSuchCORSConfiguration: sender(404, 'The CORS configuration does not exist'),
  NoSuchWebsiteConfiguration: sender(404, 'The specified bucket does not have a website configuration'),
  NoSuchLifecycleConfiguration: sender(404, 'The lifecycle configuration does not exist'),
  ReplicationConfigurationNotFoundError: sender(404, 'The replication configuration was not found'),
  ObjectLockConfigurationNotFoundError: sender(404, 'Object Lock configuration does not exist for this bucket'),
  ServerSideEncryptionConfigurationNotFoundError: sender(404, 'The server side encryption configuration was not found'),
  IllegalVersioningConfigurationException: sender(
    400,
    'The versioning configuration specified in the request is invalid.',
  ),
  AccessControlListNotSupported: sender(400, 'The bucket does not allow ACLs'),
  NotImplemented: {
    status: 501,
    fault: 'Receiver',
    message: 'A header you provided implies functionality that is not implemented.',
  },

  // EC2 (EC2 API reference, "Error codes for the Amazon EC2 API"). Client errors are 400 unless noted.
  'InvalidInstanceID.NotFound': sender(400, 'The instance ID does not exist'),
  'InvalidInstanceID.Malformed': sender(400, 'Invalid id'),
  IncorrectInstanceState: sender(400, 'The instance is not in a valid state for this operation.'),
  'InvalidAssociationID.NotFound': sender(400, 'The association ID does not exist'),
  IncorrectState: sender(400, 'The resource is in an incorrect state for the request.'),
  'InvalidGroup.NotFound': sender(400, 'The security group does not exist'),
  'InvalidGroup.Duplicate': sender(400, 'The security group already exists'),
  'InvalidGroupId.Malformed': sender(400, 'Invalid id'),
  'InvalidPermission.Duplicate': sender(400, 'The specified rule already exists'),
  'InvalidPermission.NotFound': sender(400, 'The specified rule does not exist in this security group.'),
  'InvalidVpcID.NotFound': sender(400, 'The vpc ID does not exist'),
  'InvalidSubnetID.NotFound': sender(400, 'The subnet ID does not exist'),
  DependencyViolation: sender(400, 'The resource has a dependent object.'),
  InstanceLimitExceeded: sender(400, 'You have requested more instances than your current instance limit allows.'),
  DryRunOperation: sender(412, 'Request would have succeeded, but DryRun flag is set.'),
  UnauthorizedOperation: sender(403, 'You are not authorized to perform this operation.'),
  AuthFailure: sender(401, 'AWS was not able to validate the provided access credentials'),

  // CloudTrail modelled errors (botocore CloudTrail model, LookupEvents).
  InvalidLookupAttributesException: sender(400, 'Occurs when a lookup attribute is specified that is not valid.'),
  InvalidTimeRangeException: sender(
    400,
    'Occurs if the timestamp values are not valid. Either the start time occurs after the end time, or the time range is outside the range of possible values.',
  ),
  InvalidMaxResultsException: sender(400, 'This exception is thrown if the limit specified is not valid.'),
  InvalidNextTokenException: sender(
    400,
    'A token that is not valid, or a token that was previously used in a request with different parameters.',
  ),
  InvalidEventCategoryException: sender(
    400,
    'Occurs if an event category that is not valid is specified as a value of EventCategory.',
  ),

  // Server side. Messages never carry internals.
  InternalFailure: {
    status: 500,
    fault: 'Receiver',
    message: 'The request processing has failed because of an unknown error, exception or failure.',
    s3: { code: 'InternalError', status: 500, message: 'We encountered an internal error. Please try again.' },
  },
  ServiceUnavailable: {
    status: 503,
    fault: 'Receiver',
    message: 'The request has failed due to a temporary failure of the server.',
  },
} as const satisfies Record<string, ErrorSpec>;

/** A code from {@link errorRegistry}; `switch (err.code)` narrows on it. */
export type AwsErrorCode = keyof typeof errorRegistry;

/**
 * An error that reaches the caller as an AWS error response.
 *
 * @example
 * throw new AwsError('NoSuchEntity', 'The role with name ec2-s3-access-role cannot be found.');
 */
export class AwsError extends Error {
  readonly code: AwsErrorCode;

  /** Extra response headers the error needs (e.g. `Retry-After` on Throttling). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: AwsErrorCode, message?: string, options?: { cause?: unknown; headers?: Record<string, string> }) {
    super(message ?? errorRegistry[code].message, options);
    this.name = 'AwsError';
    this.code = code;
    this.headers = options?.headers ?? {};
  }

  /** The HTTP status of this error on the Query (IAM/STS) wire. */
  get status(): number {
    return errorRegistry[this.code].status;
  }

  /** `Sender` for 4xx, `Receiver` for 5xx. */
  get fault(): ErrorFault {
    return errorRegistry[this.code].fault;
  }
}

/** True when `value` is an {@link AwsError}. */
export function isAwsError(value: unknown): value is AwsError {
  return value instanceof AwsError;
}

/**
 * Code, status and message of an error as S3 spells it. Auth failures have S3-specific codes
 * (`InvalidAccessKeyId` instead of `InvalidClientTokenId`, `ExpiredToken` with 400).
 */
export function s3ErrorOf(err: AwsError): { code: string; status: number; message: string } {
  const spec: ErrorSpec = errorRegistry[err.code];
  if (spec.s3 && err.message === spec.message) return spec.s3;
  if (spec.s3) return { code: spec.s3.code, status: spec.s3.status, message: err.message };
  return { code: err.code, status: spec.status, message: err.message };
}

/**
 * @module protocols/ec2
 * The `ec2` protocol: EC2's variant of the Query protocol (its own parameter naming, response and error envelopes).
 */
export { decodeEc2Request, ec2MemberName } from './decode-request.js';
export { ec2ErrorOf, encodeEc2Error, encodeEc2Response } from './encode-response.js';

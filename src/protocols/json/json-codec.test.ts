import { describe, expect, it } from 'vitest';
import { AwsError } from '../../core/errors.js';
import { loadServiceModel } from '../service-model.js';
import { decodeJsonRequest } from './decode-request.js';
import { encodeJsonError, encodeJsonResponse } from './encode-response.js';

const model = loadServiceModel('cloudtrail');
const decode = (body: string) => decodeJsonRequest(model, 'LookupEvents', Buffer.from(body));

describe('awsJson1_1 codec', () => {
  it('decodes members by the model, timestamps from epoch seconds or ISO text, dropping unknown members', () => {
    expect(decode('{"MaxResults":5,"StartTime":1700000000.5,"EndTime":"2023-11-14T22:13:20Z","Colour":"x"}')).toEqual({
      MaxResults: 5,
      StartTime: new Date(1_700_000_000_500),
      EndTime: new Date('2023-11-14T22:13:20Z'),
    });
    expect(decode('')).toEqual({});
    expect(decode('{"LookupAttributes":[{"AttributeKey":"Username","AttributeValue":"a"}]}')).toEqual({
      LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'a' }],
    });
  });

  it('refuses bodies that are not JSON of the model types with SerializationException', () => {
    for (const body of [
      '{',
      '{"MaxResults":"5"}',
      '{"MaxResults":1.5}',
      '{"LookupAttributes":{}}',
      '{"StartTime":"soon"}',
    ]) {
      expect(() => decode(body)).toThrow(expect.objectContaining({ code: 'SerializationException' }));
    }
  });

  it('encodes dates as epoch seconds, leaves out absent members, and names errors as JSON services do', () => {
    expect(encodeJsonResponse({ Events: [{ EventTime: new Date(1_700_000_000_000), Username: undefined }] })).toBe(
      '{"Events":[{"EventTime":1700000000}]}',
    );
    expect(JSON.parse(encodeJsonError(new AwsError('AccessDenied', 'no')))).toEqual({
      __type: 'AccessDeniedException',
      message: 'no',
    });
    expect(JSON.parse(encodeJsonError(new AwsError('InvalidTimeRangeException')))).toMatchObject({
      __type: 'InvalidTimeRangeException',
    });
  });
});

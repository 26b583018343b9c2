import { describe, expect, it } from 'vitest';
import { AwsError } from '../../core/errors.js';
import { loadServiceModel } from '../service-model.js';
import { decodeEc2Request } from './decode-request.js';
import { encodeEc2Error, encodeEc2Response } from './encode-response.js';

const ec2 = loadServiceModel('ec2');

describe('decodeEc2Request', () => {
  it('reads EC2 names: capitalised locationName, Name.N lists, nested structures', () => {
    const params = new URLSearchParams(
      'Action=RunInstances&Version=2016-11-15&MinCount=1&MaxCount=2&SecurityGroupId.1=sg-1&SecurityGroupId.2=sg-2' +
        '&IamInstanceProfile.Name=web&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name' +
        '&TagSpecification.1.Tag.1.Value=app&MetadataOptions.HttpTokens=required&DryRun=false',
    );
    expect(decodeEc2Request(ec2, 'RunInstances', params)).toEqual({
      MinCount: 1,
      MaxCount: 2,
      SecurityGroupIds: ['sg-1', 'sg-2'],
      IamInstanceProfile: { Name: 'web' },
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'app' }] }],
      MetadataOptions: { HttpTokens: 'required' },
      DryRun: false,
    });
  });

  it('reads filters as Filter.N.Name and Filter.N.Value.M', () => {
    const params = new URLSearchParams('Filter.1.Name=tag:Name&Filter.1.Value.1=a&Filter.1.Value.2=b');
    expect(decodeEc2Request(ec2, 'DescribeInstances', params)).toEqual({
      Filters: [{ Name: 'tag:Name', Values: ['a', 'b'] }],
    });
  });

  it('fails a missing required member with MissingParameter and a bad integer with InvalidParameterValue', () => {
    expect(() => decodeEc2Request(ec2, 'RunInstances', new URLSearchParams('MinCount=1'))).toThrow(
      'The request must contain the parameter MaxCount',
    );
    expect(() => decodeEc2Request(ec2, 'RunInstances', new URLSearchParams('MinCount=x&MaxCount=1'))).toThrow(AwsError);
  });
});

describe('EC2 envelopes', () => {
  it('puts members and requestId directly under the response element', () => {
    const xml = encodeEc2Response(ec2, 'DeleteSecurityGroup', { Return: true, GroupId: 'sg-1' }, 'req-1');
    expect(xml).toContain(
      '<DeleteSecurityGroupResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId><return>true</return><groupId>sg-1</groupId></DeleteSecurityGroupResponse>',
    );
  });

  it('renders errors as Response/Errors/Error, AccessDenied as UnauthorizedOperation', () => {
    const xml = encodeEc2Error(new AwsError('AccessDenied', 'User: x is not authorized'), 'req-2');
    expect(xml).toContain(
      '<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation. User: x is not authorized</Message></Error></Errors><RequestID>req-2</RequestID></Response>',
    );
  });
});

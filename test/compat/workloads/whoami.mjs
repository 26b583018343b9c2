// Prints the caller identity the JS SDK v3 default credential chain resolves to, as one JSON line.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const sts = new STSClient({ maxAttempts: 1 });
const identity = await sts.send(new GetCallerIdentityCommand({}));
console.log(JSON.stringify({ arn: identity.Arn, account: identity.Account }));

// One long-lived STS client on the SDK's default credential chain, calling
// GetCallerIdentity every 2 s for SECONDS; prints how many different access keys it used.
// Any failed call ends it with an error. Usage: node sts_loop.mjs REGION SECONDS
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";

const [region, seconds] = [process.argv[2], Number(process.argv[3])];
const sts = new STSClient({ region });
const keys = new Set();
const end = Date.now() + seconds * 1000;
while (Date.now() < end) {
  await sts.send(new GetCallerIdentityCommand({}));
  const creds = await sts.config.credentials();
  keys.add(creds.accessKeyId);
  await new Promise((resolve) => setTimeout(resolve, 2000));
}
console.log(keys.size);

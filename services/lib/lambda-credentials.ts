// Stands in for @aws-sdk/credential-provider-node in the function bundles (an esbuild alias in
// tsup.config.ts). Lambda always hands a function its role's credentials in the environment
// (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), or, with SnapStart, through the
// container credentials endpoint; the SDK's full chain (profiles, SSO, STS, IMDS) adds ~90 KB to
// each bundle for sources Lambda never uses.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';

type Init = Parameters<typeof fromEnv>[0] & Parameters<typeof fromHttp>[0];

export const defaultProvider = (init: Init = {}) => {
  const fromEnvironment = fromEnv(init);
  return async (): ReturnType<typeof fromEnvironment> => {
    try {
      return await fromEnvironment();
    } catch {
      if (
        process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
        process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
      ) {
        // fromHttp checks for its endpoint when it is made, so make it only when one is set.
        return fromHttp(init)();
      }
      throw new Error(
        'no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (Lambda does), or AWS_CONTAINER_CREDENTIALS_FULL_URI',
      );
    }
  };
};

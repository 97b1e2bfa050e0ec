import { http } from './http';

/** The platform token the test apis run with (ADMIN_TOKEN), so tests can open accounts. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestAccount {
  accountId: string;
  /** The account's first, unrestricted key. */
  apiKey: string;
}

/** Opens an account through the real platform route and returns its first key. */
export async function createTestAccount(apiUrl: string, name = 'Test account'): Promise<TestAccount> {
  const r = await http(
    'POST',
    `${apiUrl}/v1/accounts`,
    { name },
    { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  );
  if (r.status !== 201) throw new Error(`creating account failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { accountId: r.body.account.id, apiKey: r.body.apiKey.key };
}

/** Headers for a request with this key; explicit headers (even an empty authorization) win. */
export function withKey(apiKey: string, headers: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${apiKey}`, ...headers };
}

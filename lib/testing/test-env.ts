// The database the tests run against: DATABASE_URL when it is postgres:// (CI's second pass), else SQLite.
export function testDatabaseBase(): { provider: "sqlite" | "postgres"; url: string } {
  const u = process.env.DATABASE_URL;
  if (u && /^postgres(ql)?:\/\//.test(u)) return { provider: "postgres", url: u };
  return { provider: "sqlite", url: "" };
}

export const TEST_SECRETS = {
  AUTH_SECRET: "test-auth-secret-0123456789abcdef",
  SUPPRESSION_KEY: "test-suppression-key-0123456789abcdef",
  /** Ed25519, base64 PKCS8 DER (one form LEDGER_SIGNING_KEY takes); the CLIs the tests spawn sign with it too. */
  LEDGER_SIGNING_KEY: "MC4CAQAwBQYDK2VwBCIEIHRlc3QtbGVkZ2VyLXNpZ25pbmcta2V5LTAxMjM0NTYh",
};

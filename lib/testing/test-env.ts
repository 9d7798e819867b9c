// The database the tests run against: DATABASE_URL when it is postgres:// (CI's second pass), else SQLite.
export function testDatabaseBase(): { provider: "sqlite" | "postgres"; url: string } {
  const u = process.env.DATABASE_URL;
  if (u && /^postgres(ql)?:\/\//.test(u)) return { provider: "postgres", url: u };
  return { provider: "sqlite", url: "" };
}

export const TEST_SECRETS = {
  AUTH_SECRET: "test-auth-secret-0123456789abcdef",
  SUPPRESSION_KEY: "test-suppression-key-0123456789abcdef",
};

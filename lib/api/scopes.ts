// What an API token may do (ApiToken.scopes, space-separated as OAuth's `scope`). Each /api/v1 endpoint
// names the one scope it needs (lib/api/endpoints.ts); the boundary answers 403 without it.
export const API_SCOPES = ["read", "write-subscribers", "send", "export"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  read: "read subscribers, their subscriptions and the status of sends",
  "write-subscribers": "add subscribers, record withdrawals, objections, suppressions and shop purchases",
  send: "sends (reserved for starting sends through the API)",
  export: "download a subscriber's consent proof and complaint dossier",
};

const isScope = (s: string): s is ApiScope => (API_SCOPES as readonly string[]).includes(s);

/** The scopes stored in ApiToken.scopes; unknown words are ignored. */
export const parseScopes = (stored: string): ApiScope[] => stored.split(/\s+/).filter(isScope);

/** Scopes as stored: known ones only, each once, in API_SCOPES order. */
export const formatScopes = (scopes: readonly string[]): string => API_SCOPES.filter((s) => scopes.includes(s)).join(" ");

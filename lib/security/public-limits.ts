// Rate limits per client address for the public token pages' POSTs (confirm, unsubscribe, preferences,
// re-permission, first-admin setup): each does database work for a stranger. Generous for people (a
// household behind one address), tight enough that a script cannot make us churn. Sign-in and signup
// keep their own limits (per address as well as per IP, and an answer that reveals nothing).
import type { Limit } from "./rate-limit.ts";

export const TOKEN_PAGE_LIMIT: Limit & { name: string } = { name: "token-page-ip", points: 300, durationSec: 600 };
export const SETUP_LIMIT: Limit & { name: string } = { name: "setup-ip", points: 20, durationSec: 600 };

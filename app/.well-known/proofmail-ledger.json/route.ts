// GET /.well-known/proofmail-ledger.json — public: the Ed25519 key(s) this install signs ledger heads with
// and the newest signed head statement, so anyone can check an exported proof (npm run proof:verify --key)
// and hold the organisation to a head it published. Format: lib/export/README.md.
import { route } from "@/lib/http/boundary";
import { db } from "@/lib/db";
import { getLedgerKeysDocument } from "@/lib/consent/ledger-heads";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async () =>
  Response.json(await getLedgerKeysDocument(db), { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } }),
);

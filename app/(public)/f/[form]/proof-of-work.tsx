"use client";
// Solves the form's proof-of-work challenge in the browser (lib/consent/proof-of-work.ts checks it):
// find a nonce so that sha256(challenge + ":" + nonce) starts with `bits` zero bits. No third party.
import { useEffect, useState } from "react";

const T = {
  nl: { working: "Anti-spamcontrole: even rekenen…", done: "Anti-spamcontrole: klaar.", noscript: "Dit formulier laat je browser een korte rekensom maken tegen spam. Zet JavaScript aan om je aan te melden, of neem contact op via het adres hieronder.", unsupported: "Je browser kan de anti-spamcontrole niet uitvoeren. Neem contact op via het adres hieronder." },
  en: { working: "Anti-spam check: working…", done: "Anti-spam check: done.", noscript: "This form has your browser do a short calculation against spam. Turn on JavaScript to sign up, or contact us at the address below.", unsupported: "Your browser cannot run the anti-spam check. Please contact us at the address below." },
};

function zeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const b of bytes) {
    if (b === 0) { bits += 8; continue; }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

export function ProofOfWork({ challenge, bits, language }: { challenge: string; bits: number; language: "nl" | "en" }) {
  const [nonce, setNonce] = useState<string | null>(null);
  const [unsupported, setUnsupported] = useState(false);
  useEffect(() => {
    let cancelled = false;
    if (!globalThis.crypto?.subtle) { setUnsupported(true); return; }
    (async () => {
      const enc = new TextEncoder();
      for (let n = 0; !cancelled; n++) {
        const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(`${challenge}:${n}`)));
        if (zeroBits(digest) >= bits) { setNonce(String(n)); return; }
      }
    })();
    return () => { cancelled = true; };
  }, [challenge, bits]);
  const t = T[language];
  return (
    <div className="mt-4 text-sm text-slate-600">
      <input type="hidden" name="powChallenge" value={challenge} />
      <input type="hidden" name="powNonce" value={nonce ?? ""} />
      <noscript><p>{t.noscript}</p></noscript>
      <p role="status">{unsupported ? t.unsupported : nonce ? t.done : t.working}</p>
    </div>
  );
}

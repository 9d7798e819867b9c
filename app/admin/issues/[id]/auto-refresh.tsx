"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** Re-renders the server component every few seconds while a send is live. */
export function AutoRefresh({ everyMs = 1500 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const t = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(t);
  }, [router, everyMs]);
  return null;
}

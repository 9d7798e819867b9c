import { createHash, createHmac, randomBytes } from "node:crypto";

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
export const hmacSha256 = (key: string, text: string) => createHmac("sha256", key).update(text, "utf8").digest("hex");
/** 32 random bytes (256 bits), URL-safe. */
export const randomToken = () => randomBytes(32).toString("base64url");

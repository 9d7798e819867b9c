// Where uploaded images' bytes live: DATA_DIR/uploads by default, an S3-compatible bucket when S3_BUCKET
// is set. Keys are ours (random, see save-upload.ts), never a path an uploader chose.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { config, type S3Storage } from "../config/index.ts";

export interface UploadStorage {
  readonly kind: "local" | "s3";
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when there are none under that key. */
  get(key: string): Promise<Buffer | null>;
  /** Where mails link the image: the bucket's public URL when there is one, else our /media route. */
  publicUrl(key: string): string;
}

const KEY = /^[A-Za-z0-9_-]{20,80}\.(png|jpg|gif|webp)$/;
export const isUploadKey = (key: string) => KEY.test(key);
const mediaUrl = (key: string) => `${config().appUrl}/media/${key}`;

function localStorage(dir: string): UploadStorage {
  return {
    kind: "local",
    async put(key, bytes) {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, key), bytes, { flag: "wx" }); // a key is never reused
    },
    async get(key) {
      if (!isUploadKey(key)) return null;
      return readFile(path.join(dir, key)).catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") return null;
        throw e;
      });
    },
    publicUrl: mediaUrl,
  };
}

function s3Storage(s3: S3Storage): UploadStorage {
  // Loaded only when configured: the SDK is large and local installs never need it.
  const client = import("@aws-sdk/client-s3").then((m) => ({
    m,
    c: new m.S3Client({
      region: s3.region, ...(s3.endpoint ? { endpoint: s3.endpoint, forcePathStyle: true } : {}),
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    }),
  }));
  return {
    kind: "s3",
    async put(key, bytes, contentType) {
      const { m, c } = await client;
      await c.send(new m.PutObjectCommand({ Bucket: s3.bucket, Key: `uploads/${key}`, Body: bytes, ContentType: contentType, CacheControl: IMMUTABLE }));
    },
    async get(key) {
      if (!isUploadKey(key)) return null;
      const { m, c } = await client;
      try {
        const r = await c.send(new m.GetObjectCommand({ Bucket: s3.bucket, Key: `uploads/${key}` }));
        return r.Body ? Buffer.from(await r.Body.transformToByteArray()) : null;
      } catch (e) {
        if ((e as { name?: string }).name === "NoSuchKey") return null;
        throw e;
      }
    },
    publicUrl: (key) => (s3.publicUrl ? `${s3.publicUrl}/uploads/${key}` : mediaUrl(key)),
  };
}

/** A key's content never changes, so caches may keep it for a year. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

let cached: UploadStorage | null = null;
export function uploadStorage(): UploadStorage {
  const c = config();
  cached ??= c.s3 ? s3Storage(c.s3) : localStorage(path.join(c.dataDir, "uploads"));
  return cached;
}

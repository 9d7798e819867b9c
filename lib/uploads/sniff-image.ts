// What an uploaded file really is, read from its first bytes (never from its name or the browser's type):
// PNG, JPEG, GIF or WebP, with its pixel size for the <img width> attribute. Anything else, SVG included
// (it can carry script), is not an image we take.
export type ImageType = "image/png" | "image/jpeg" | "image/gif" | "image/webp";
export type SniffedImage = { type: ImageType; width: number | null; height: number | null };

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

export function sniffImage(b: Buffer): SniffedImage | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { type: "image/png", ...(b.length >= 24 ? { width: b.readUInt32BE(16), height: b.readUInt32BE(20) } : none) };
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61)
    return { type: "image/gif", ...(b.length >= 10 ? { width: b.readUInt16LE(6), height: b.readUInt16LE(8) } : none) };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { type: "image/jpeg", ...jpegSize(b) };
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return { type: "image/webp", ...webpSize(b) };
  return null;
}

const none = { width: null, height: null };

// The first start-of-frame segment (SOF0–SOF15 but DHT, JPG and DAC) holds the size.
function jpegSize(b: Buffer): { width: number | null; height: number | null } {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return none;
    const marker = b[i + 1];
    if (marker === 0xff) { i++; continue; }
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return none;
}

function webpSize(b: Buffer): { width: number | null; height: number | null } {
  if (b.length < 30) return none;
  const chunk = b.toString("latin1", 12, 16);
  if (chunk === "VP8X") return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
  if (chunk === "VP8 ") return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === "VP8L") {
    const bits = b.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  return none;
}

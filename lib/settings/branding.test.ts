import { describe, expect, it } from "vitest";
import { accentColor, AA_CONTRAST, contrastWithWhite, DEFAULT_ACCENT, parseHexColor, sniffLogo } from "./branding.ts";

const bytes = (...b: (number | string)[]) => new Uint8Array(b.flatMap((x) => (typeof x === "string" ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe("sniffLogo", () => {
  it("knows PNG, JPEG and WebP by their bytes", () => {
    expect(sniffLogo(bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toBe("image/png");
    expect(sniffLogo(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(sniffLogo(bytes("RIFF", 0, 0, 0, 0, "WEBPVP8 "))).toBe("image/webp");
  });
  it("refuses SVG, HTML, a RIFF that is not WebP and nothing", () => {
    expect(sniffLogo(bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(sniffLogo(bytes("<html>"))).toBeNull();
    expect(sniffLogo(bytes("RIFF", 0, 0, 0, 0, "WAVE"))).toBeNull();
    expect(sniffLogo(new Uint8Array())).toBeNull();
  });
});

describe("colours", () => {
  it("parses hex colours and refuses anything else", () => {
    expect(parseHexColor("#0A7")).toBe("#00aa77");
    expect(parseHexColor(" 1d4ed8 ")).toBe("#1d4ed8");
    expect(parseHexColor("red")).toBeNull();
    expect(parseHexColor("#12345")).toBeNull();
    expect(parseHexColor("#123456;background:url(x)")).toBeNull();
  });
  it("computes WCAG contrast with white", () => {
    expect(contrastWithWhite("#000000")).toBeCloseTo(21, 5);
    expect(contrastWithWhite("#ffffff")).toBeCloseTo(1, 5);
    expect(contrastWithWhite("#767676")).toBeCloseTo(4.54, 2);
  });
  it("keeps an AA colour and darkens a light one until white text on it reaches AA", () => {
    expect(accentColor("#1d4ed8")).toBe("#1d4ed8");
    const light = accentColor("#ffd400");
    expect(light).not.toBe("#ffd400");
    expect(contrastWithWhite(light)).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(accentColor("#ffffff")).toMatch(/^#[0-9a-f]{6}$/);
    expect(contrastWithWhite(accentColor("#ffffff"))).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(accentColor("")).toBe(DEFAULT_ACCENT);
  });
});

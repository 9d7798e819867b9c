// For per-row reports: enough to recognise a row, not enough to keep the address (j***@example.nl).
export function maskEmail(value: string): string {
  const v = value.trim();
  const at = v.lastIndexOf("@");
  if (at <= 0) return v ? `${[...v][0]}***` : "";
  return `${[...v][0]}***@${v.slice(at + 1).slice(0, 80).toLowerCase()}`.replace(/[\u0000-\u001f\u007f]/g, "");
}

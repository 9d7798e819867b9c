// Text fields typed by staff. Browsers post a textarea's line ends as CRLF (HTML's form encoding), so a
// multi-line value is normalised to LF before it is checked or stored: the same text always gives the same
// stored bytes and content hash. Single-line fields keep refusing CR and LF, because names and sender
// fields reach mail headers.
import { z } from "zod";

const CONTROL_EXCEPT_TAB_LF = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export const normaliseLineEnds = (s: string) => s.replace(/\r\n?/g, "\n");

/** Multi-line text: CRLF and CR become LF; other control characters are refused with a message. */
export const multilineText = (max: number) =>
  z.string().overwrite(normaliseLineEnds).max(max, `At most ${max} characters.`)
    .refine((s) => !CONTROL_EXCEPT_TAB_LF.test(s), "Remove the invisible control characters (they often come with text pasted from another program).");

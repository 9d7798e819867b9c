// The request header in which proxy.ts passes a page's path to the root layout (for <html lang>).
export const PAGE_PATH_HEADER = "x-proofmail-page-path";

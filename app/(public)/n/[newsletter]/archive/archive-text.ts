// The public archive's words, in the newsletter's language.
export const ARCHIVE_TEXT = {
  nl: { title: "archief", intro: "Eerder verstuurde nieuwsbrieven.", subscribe: "Aanmelden", feed: "Atom-feed", empty: "Er is nog niets verstuurd.", back: "Alle nieuwsbrieven" },
  en: { title: "archive", intro: "Newsletters sent so far.", subscribe: "Subscribe", feed: "Atom feed", empty: "Nothing has been sent yet.", back: "All issues" },
} as const;

export const formatArchiveDate = (d: Date, lang: "nl" | "en") =>
  new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeZone: "Europe/Amsterdam" }).format(d);

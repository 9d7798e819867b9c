// Puts the staff messages around a staff page, for the client components in it (useTranslations). Every
// prop is given: without them next-intl's server provider would look for a request config we do not use.
import { NextIntlClientProvider } from "next-intl";
import { staffClientMessages } from "@/lib/i18n/staff-translator";

export async function StaffIntl({ children }: { children: React.ReactNode }) {
  const { locale, messages, timeZone } = await staffClientMessages();
  return <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone} formats={{}} now={new Date()}>{children}</NextIntlClientProvider>;
}

// Message keys are checked by the compiler, also in client components' useTranslations.
import type en from "./messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Messages: typeof en;
  }
}

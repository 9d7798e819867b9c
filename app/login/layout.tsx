import { StaffIntl } from "@/components/staff-intl";

export default function StaffPagesLayout({ children }: { children: React.ReactNode }) {
  return <StaffIntl>{children}</StaffIntl>;
}

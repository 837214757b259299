import type { ReactNode } from "react";
import "@/components/records/records.css";

/** Record pages (and their not-found page) share one stylesheet. */
export default function RecordsLayout({ children }: { children: ReactNode }) {
  return children;
}

/** Where each record's page is; ids are path segments, so they are encoded. */
export type RecordSource = "tickets" | "conversations" | "surveys";

export function recordHref(source: RecordSource, id: string): string {
  return `/records/${source}/${encodeURIComponent(id)}`;
}

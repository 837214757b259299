/** The server's message for a failed request: the input problems when it has them, else its message. */
export function errorText(error: unknown): string {
  const e = error as { message?: string; data?: { validation?: string[] | null } } | null;
  if (e?.data?.validation?.length) return e.data.validation.join("; ");
  return e?.message ?? String(error);
}

/** "a, b ,, c" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

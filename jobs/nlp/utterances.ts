/** The shape every record is tagged in: a list of utterances (a ticket or survey is one or two). */
export type Speaker = "agent" | "customer" | "bot" | string;

export interface Utterance {
  speaker: Speaker;
  /** ms from the start of the conversation; null for texts without timings (tickets, surveys). */
  startMs: number | null;
  endMs: number | null;
  text: string;
}

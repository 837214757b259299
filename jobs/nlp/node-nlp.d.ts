/** The parts of node-nlp (nlp.js v4) this project uses; the package ships no types. */
declare module "node-nlp" {
  export class Language {
    guessBest(utterance: string, allowList?: string[]): { alpha3: string; alpha2: string; language: string; score: number };
  }
  export class SentimentAnalyzer {
    constructor(settings?: Record<string, unknown>);
    getSentiment(text: string): Promise<{ score: number; vote: string }>;
  }
  export class NlpManager {
    constructor(settings?: Record<string, unknown>);
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<{ intent: string; score: number }>;
  }
}

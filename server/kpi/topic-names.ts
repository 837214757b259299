import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";

/** A topic's display name in each language (either may be missing in the taxonomy). */
export interface TopicName {
  en?: string;
  zh?: string;
}

export const TAXONOMY_FILE = path.resolve(process.cwd(), "config", "taxonomy.yaml");

// Only the names are read here: the tagging job (jobs/nlp/config.ts) validates the whole file.
const NamesSchema = z.object({
  topics: z.array(z.object({ id: z.string(), name: z.object({ en: z.string().optional(), zh: z.string().optional() }).optional() }).loose()),
});

/** Topic id → names from config/taxonomy.yaml; a missing or unreadable file means no names (ids are shown). */
export function loadTopicNames(file = TAXONOMY_FILE): Map<string, TopicName> {
  const names = new Map<string, TopicName>();
  try {
    // Read at run time from the deployment's config folder, not bundled.
    if (!existsSync(/*turbopackIgnore: true*/ file)) return names;
    const parsed = NamesSchema.safeParse(parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8")));
    if (!parsed.success) return names;
    for (const topic of parsed.data.topics) if (topic.name) names.set(topic.id, topic.name);
  } catch {
    // A broken taxonomy stops the tagging job with a clear message; the dashboard just shows ids.
  }
  return names;
}

let cached: Map<string, TopicName> | undefined;
export function topicName(id: string): TopicName | null {
  cached ??= loadTopicNames();
  return cached.get(id) ?? null;
}

/** Who picks up a contact: the shift, the language and the topic decide the team. */
import { isNight } from "./calendar";
import { AGENTS, specialistTeam, type Agent, type Category, type Language, type Product, type Team } from "./catalog";
import { hashUnit, Weighted, type Rng } from "./random";

export type EscalationLevel = "L1" | "L2" | "L3";

// Agents do not all carry the same load (part-timers, team leads who take fewer contacts).
const pools = new Map<string, Weighted<Agent>>();

function poolFor(team: Team, lang: Language): Weighted<Agent> {
  const key = `${team}/${lang}`;
  let pool = pools.get(key);
  if (!pool) {
    const members = AGENTS.filter((a) => a.team === team);
    const speakers = members.filter((a) => a.speaks.includes(lang));
    const chosen = speakers.length > 0 ? speakers : members;
    pool = new Weighted(chosen.map((a) => [a, 0.55 + hashUnit(0x5eed, AGENTS.indexOf(a), 9)] as const));
    pools.set(key, pool);
  }
  return pool;
}

export function frontlineTeam(lang: Language, at: number): Team {
  if (isNight(at)) return "night-shift";
  return lang === "en" ? "L1-en" : "L1-zh";
}

export function frontlineAgent(rng: Rng, lang: Language, at: number): Agent {
  return poolFor(frontlineTeam(lang, at), lang).draw(rng);
}

/** The agent who owns a ticket at its escalation level. */
export function ownerAgent(rng: Rng, level: EscalationLevel, category: Category, product: Product, lang: Language, frontline: Agent): Agent {
  if (level === "L1") return frontline;
  if (level === "L3") return poolFor("L3-engineering", lang).draw(rng);
  return poolFor(specialistTeam(category, product), lang).draw(rng);
}

/** Another frontline agent, for contacts that landed in the wrong queue. */
export function otherFrontline(rng: Rng, lang: Language, at: number, not: Agent): Agent {
  for (let i = 0; i < 5; i++) {
    const a = frontlineAgent(rng, lang, at);
    if (a !== not) return a;
  }
  return not;
}

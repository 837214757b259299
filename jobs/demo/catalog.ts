/**
 * The fictional support centre: regions, products, topics, teams and agents of a cloud
 * provider's customer-support operation. Shares here are what the dashboard will show.
 */
import { hashUnit } from "./random";
import type { Priority } from "./sla";

export type Language = "zh" | "en";

export const REGIONS = [
  { id: "cn-north-1", zh: "华北1（北京）", en: "China North 1 (Beijing)", share: 0.2, enShare: 0.12 },
  { id: "cn-east-1", zh: "华东1（杭州）", en: "China East 1 (Hangzhou)", share: 0.3, enShare: 0.12 },
  { id: "cn-east-2", zh: "华东2（上海）", en: "China East 2 (Shanghai)", share: 0.18, enShare: 0.16 },
  { id: "cn-south-1", zh: "华南1（深圳）", en: "China South 1 (Shenzhen)", share: 0.14, enShare: 0.12 },
  { id: "ap-southeast-1", zh: "新加坡", en: "Singapore", share: 0.12, enShare: 0.68 },
  { id: "eu-central-1", zh: "欧洲中部1（法兰克福）", en: "EU Central 1 (Frankfurt)", share: 0.06, enShare: 0.88 },
] as const;
export type Region = (typeof REGIONS)[number];
export type RegionId = Region["id"];

export const PRODUCTS = ["ECS", "OSS", "RDS", "CDN", "VPC", "SLB", "Billing", "IAM", "Kubernetes"] as const;
export type Product = (typeof PRODUCTS)[number];

export const CHANNELS = ["phone", "chat", "wechat", "email", "web"] as const;
export type Channel = (typeof CHANNELS)[number];
export type ConversationChannel = "phone" | "chat" | "wechat";

export const CATEGORIES = [
  "login_account",
  "network_latency",
  "outage",
  "ddos_security",
  "billing_invoice",
  "storage_expansion",
  "performance",
  "refund",
  "api_sdk",
  "service_complaint",
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CategoryProfile {
  share: number;
  products: Partial<Record<Product, number>>;
  priorities: Record<Priority, number>;
  /** Extra weight for the ticket portal / e-mail (paperwork) versus live channels. */
  written: number;
  /** How often L1 cannot finish it: scales the L2/L3 escalation odds. */
  escalation: number;
  /** Typical handling effort relative to the average ticket. */
  effort: number;
}

export const CATEGORY_PROFILES: Record<Category, CategoryProfile> = {
  login_account: { share: 16, products: { IAM: 7, ECS: 1, Billing: 1 }, priorities: { P0: 1, P1: 6, P2: 36, P3: 57 }, written: 0.9, escalation: 0.6, effort: 0.8 },
  network_latency: { share: 10, products: { VPC: 3, CDN: 3, SLB: 2, ECS: 2 }, priorities: { P0: 3, P1: 16, P2: 50, P3: 31 }, written: 0.9, escalation: 1.5, effort: 1.3 },
  outage: { share: 3, products: { ECS: 4, RDS: 2, SLB: 2, VPC: 1, Kubernetes: 1 }, priorities: { P0: 22, P1: 45, P2: 28, P3: 5 }, written: 0.6, escalation: 2.4, effort: 1.6 },
  ddos_security: { share: 4, products: { ECS: 3, SLB: 2, CDN: 2, IAM: 1 }, priorities: { P0: 5, P1: 28, P2: 45, P3: 22 }, written: 0.9, escalation: 1.7, effort: 1.3 },
  billing_invoice: { share: 18, products: { Billing: 1 }, priorities: { P0: 0, P1: 2, P2: 33, P3: 65 }, written: 1.4, escalation: 0.6, effort: 0.7 },
  storage_expansion: { share: 8, products: { OSS: 4, ECS: 3, RDS: 2 }, priorities: { P0: 0.5, P1: 8, P2: 47, P3: 44.5 }, written: 1.1, escalation: 1.0, effort: 0.9 },
  performance: { share: 15, products: { ECS: 5, RDS: 3, Kubernetes: 2, CDN: 1 }, priorities: { P0: 2.5, P1: 12, P2: 52, P3: 33.5 }, written: 1.0, escalation: 1.3, effort: 1.2 },
  refund: { share: 7, products: { Billing: 1 }, priorities: { P0: 0, P1: 2, P2: 28, P3: 70 }, written: 1.3, escalation: 0.8, effort: 0.8 },
  api_sdk: { share: 14, products: { OSS: 3, ECS: 3, IAM: 2, Kubernetes: 2 }, priorities: { P0: 1, P1: 6, P2: 42, P3: 51 }, written: 1.5, escalation: 1.2, effort: 1.0 },
  service_complaint: { share: 5, products: { ECS: 2, Billing: 2, OSS: 1, RDS: 1, CDN: 1 }, priorities: { P0: 0, P1: 10, P2: 45, P3: 45 }, written: 0.8, escalation: 1.1, effort: 1.1 },
};

export const TEAMS = [
  "L1-zh",
  "L1-en",
  "night-shift",
  "L2-network",
  "L2-compute",
  "L2-storage",
  "L2-billing",
  "L3-engineering",
] as const;
export type Team = (typeof TEAMS)[number];

/** Conversations that a bot finished alone belong to this pseudo-team (no agent). */
export const SELF_SERVICE_TEAM = "self-service";

export interface Agent {
  name: string;
  team: Team;
  /** 工号, read out in Chinese greetings. */
  jobNo: string;
  /** What the agent calls themself in English greetings. */
  englishName: string;
  speaks: readonly Language[];
  /** Personal handle-time multiplier (some agents are quicker than others). */
  pace: number;
  /** Shifts customer satisfaction: positive is a better agent. */
  rapport: number;
  /** Relative odds of a rude phrase (a couple of agents are the usual suspects). */
  rudeness: number;
}

const ROSTER: readonly (readonly [Team, string, string?])[] = [
  ["L1-zh", "王芳", "Fiona"], ["L1-zh", "李强", "Leo"], ["L1-zh", "张伟", "David"], ["L1-zh", "刘洋", "Ryan"],
  ["L1-zh", "陈静", "Jenny"], ["L1-zh", "杨帆", "Frank"], ["L1-zh", "赵敏", "Mandy"], ["L1-zh", "黄磊", "Ray"],
  ["L1-zh", "周婷", "Tina"], ["L1-zh", "吴昊", "Howard"], ["L1-zh", "徐丽", "Lily"], ["L1-zh", "孙浩", "Hugo"],
  ["L1-zh", "马超", "Max"], ["L1-zh", "朱琳", "Lynn"], ["L1-zh", "胡杰", "Jack"], ["L1-zh", "郭佳", "Jia"],
  ["L1-zh", "田甜", "Tiana"],
  ["L1-en", "Amy Chen"], ["L1-en", "Kevin Lim"], ["L1-en", "Sarah Tan"], ["L1-en", "Daniel Wong"],
  ["L1-en", "Priya Nair"], ["L1-en", "Lucas Weber"], ["L1-en", "Emma Li"],
  ["night-shift", "林涛", "Tony"], ["night-shift", "何雪", "Snow"], ["night-shift", "高鹏", "Peter"],
  ["night-shift", "罗娟", "Joan"], ["night-shift", "郑凯", "Kai"], ["night-shift", "Jason Ng"], ["night-shift", "Olivia Zhang"],
  ["L2-network", "梁晨", "Morning"], ["L2-network", "宋宇", "Sunny"], ["L2-network", "谢峰", "Feng"],
  ["L2-network", "韩冰", "Bing"], ["L2-network", "唐亮", "Leon"], ["L2-network", "Michael Ho"],
  ["L2-compute", "冯毅", "Eric"], ["L2-compute", "于航", "Hank"], ["L2-compute", "董明", "Ming"],
  ["L2-compute", "萧然", "Iris"], ["L2-compute", "程远", "Vincent"], ["L2-compute", "曹雨", "Rain"],
  ["L2-storage", "袁媛", "Yuan"], ["L2-storage", "邓超", "Chao"], ["L2-storage", "许诺", "Nora"],
  ["L2-storage", "傅强", "Kevin"], ["L2-storage", "沈悦", "Joy"],
  ["L2-billing", "曾慧", "Wendy"], ["L2-billing", "彭丽", "Lisa"], ["L2-billing", "吕静", "Jane"],
  ["L2-billing", "苏琪", "Kiki"], ["L2-billing", "卢娜", "Luna"], ["L2-billing", "Grace Lee"],
  ["L3-engineering", "蒋涛", "Tao"], ["L3-engineering", "蔡文", "Wen"], ["L3-engineering", "贾斌", "Ben"],
  ["L3-engineering", "丁一", "Ian"], ["L3-engineering", "魏东", "Dong"], ["L3-engineering", "Thomas Berg"],
];

// A fixed salt, not the run's seed: agents keep their personality whatever seed is chosen.
const AGENT_SALT = 0x5eed;

export const AGENTS: readonly Agent[] = ROSTER.map(([team, name, english], i) => {
  const isEnglishName = english === undefined;
  const u1 = hashUnit(AGENT_SALT, i, 1);
  const u2 = hashUnit(AGENT_SALT, i, 2);
  return {
    name,
    team,
    jobNo: String(1001 + i * 7 + Math.floor(hashUnit(AGENT_SALT, i, 3) * 6)),
    englishName: isEnglishName ? name.split(" ")[0]! : english,
    speaks: isEnglishName ? ["en"] : team === "L1-zh" ? ["zh"] : ["zh", "en"],
    pace: 0.8 + 0.45 * u1,
    rapport: (u2 - 0.5) * 0.5,
    rudeness: name === "马超" || name === "郑凯" ? 6 : 0.5 + u1,
  };
});

/** The L2 specialists that own a product's (or a billing topic's) escalations. */
export function specialistTeam(category: Category, product: Product): Team {
  if (category === "billing_invoice" || category === "refund" || product === "Billing") return "L2-billing";
  if (product === "VPC" || product === "SLB" || product === "CDN" || category === "ddos_security") return "L2-network";
  if (product === "OSS" || product === "RDS" || category === "storage_expansion") return "L2-storage";
  return "L2-compute";
}

export const QUEUES = ["zh-general", "en-general", "billing", "technical", "vip"] as const;
export type Queue = (typeof QUEUES)[number];

export function queueFor(category: Category, language: Language, enterprise: boolean): Queue {
  if (enterprise) return "vip";
  if (language === "en") return "en-general";
  if (category === "billing_invoice" || category === "refund") return "billing";
  if (category === "login_account" || category === "service_complaint") return "zh-general";
  return "technical";
}

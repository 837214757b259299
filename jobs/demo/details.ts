/**
 * The concrete particulars of one contact (instance id, amount, error code …), drawn on first
 * use and then reused, so a ticket's subject, description, call transcript and survey comment
 * all talk about the same instance and the same amount.
 */
import { REGIONS, type Category, type Language, type Product, type RegionId } from "./catalog";
import type { Rng } from "./random";

const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const ERROR_CODES: Record<Category, readonly string[]> = {
  login_account: ["InvalidAccessKeyId.NotFound", "Forbidden.RAM", "MFA.CodeInvalid", "Account.Locked", "LoginFailed.PasswordError", "SignatureDoesNotMatch"],
  network_latency: ["ERR_CONNECTION_TIMED_OUT", "504 Gateway Timeout", "ETIMEDOUT", "TCP retransmission timeout", "ERR_CONNECTION_RESET"],
  outage: ["502 Bad Gateway", "Connection refused", "HealthCheck.Failed", "InstanceStatus.Stopped", "ECONNREFUSED", "503 Service Unavailable"],
  ddos_security: ["Blackhole.Activated", "WAF.CCAttack", "Suspicious.Login", "Malware.MiningProcess"],
  billing_invoice: ["Account.Arrearage", "Invoice.TitleMismatch", "Order.PaymentFailed", "Balance.Insufficient"],
  storage_expansion: ["QuotaExceeded.DiskCapacity", "InvalidDiskSize.TooSmall", "OperationDenied.NoStock", "IncorrectDiskStatus", "QuotaExceeded.BucketCapacity"],
  performance: ["CPU 100%", "IOPS throttled", "OOMKilled", "Too many connections", "Lock wait timeout exceeded"],
  refund: ["Order.NotRefundable", "Refund.Processing", "Order.DuplicatePayment"],
  api_sdk: ["SignatureDoesNotMatch", "Throttling.User", "InvalidParameter", "RequestTimeTooSkewed", "NoSuchKey", "InvalidAccessKeyId.NotFound", "ServiceUnavailable"],
  service_complaint: ["SLA breach", "no reply for 3 days"],
};

const APIS = ["DescribeInstances", "RunInstances", "PutObject", "CreateDBInstance", "DescribeMetricList", "AssumeRole", "ModifyInstanceSpec", "CreateCluster"];
const SDKS = ["Java SDK 3.1.0", "Python SDK 2.0.14", "Go SDK v1.62.0", "Node.js SDK 1.8.2", "OSS Java SDK 3.17.4", "Terraform provider 1.220.0"];
const DOMAINS = ["static.shopmall.cn", "img.huaxin-tech.com", "cdn.game-ark.com", "www.kuaiyun-edu.cn", "assets.finpay.com.cn", "api.lvxing365.com"];
const TIMES_ZH = ["今天上午9点多", "今天上午10点左右", "今天中午", "下午2点左右", "昨天晚上", "凌晨3点左右", "半小时前", "刚才"];
const TIMES_EN = ["around 9 am today", "about 10:00 this morning", "noon today", "around 2 pm", "last night", "about 3 am", "half an hour ago", "just now"];

function alnum(rng: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += ALNUM[Math.floor(rng.next() * ALNUM.length)];
  return s;
}

function money(value: number, lang: Language): string {
  const fixed = value.toFixed(2);
  const [int, frac] = fixed.split(".") as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return lang === "zh" ? `${grouped}.${frac}` : `¥${grouped}.${frac}`;
}

export interface DetailScope {
  rng: Rng;
  lang: Language;
  category: Category;
  product: Product;
  region: RegionId;
  /** Created instant, for the month a bill is about. */
  at: number;
}

export class Details {
  private readonly values = new Map<string, string>();
  /** Which of the topic's variants this contact is about (ticket text and call lines agree). */
  variant: number | undefined;

  constructor(readonly scope: DetailScope) {}

  get(key: string): string {
    let v = this.values.get(key);
    if (v === undefined) {
      v = this.draw(key);
      this.values.set(key, v);
    }
    return v;
  }

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  /** Replaces {placeholders} in a template with this contact's particulars. */
  fill(template: string): string {
    if (template.indexOf("{") < 0) return template;
    return template.replace(/\{([a-zA-Z0-9]+)\}/g, (_all, key: string) => this.get(key));
  }

  private draw(key: string): string {
    const { rng, lang, category, product, region, at } = this.scope;
    switch (key) {
      case "inst":
        return `i-${rng.pick(["bp1", "uf6", "2ze", "wz9", "t4n", "gw8"])}${alnum(rng, 15)}`;
      case "db":
        return `rm-${rng.pick(["bp1", "uf6", "2ze", "wz9"])}${alnum(rng, 12)}`;
      case "cluster":
        return `c${alnum(rng, 10)}`;
      case "bucket":
        return `${rng.pick(["prod", "backup", "media", "logs", "static", "data"])}-${rng.pick(["shop", "app", "game", "edu", "fin", "iot"])}-${rng.int(1, 99)}`;
      case "ip":
        return `${rng.pick(["47.96", "47.100", "120.55", "139.196", "8.134", "101.37", "121.40"])}.${rng.int(1, 254)}.${rng.int(1, 254)}`;
      case "code":
        return rng.pick(ERROR_CODES[category]);
      case "amount":
        return money(rng.chance(0.7) ? rng.uniform(35, 3000) : rng.uniform(3000, 48000), "zh");
      case "amountEn":
        return money(Number(this.get("amount").replace(/,/g, "")), "en");
      case "ms":
        return String(rng.int(180, 1500));
      case "ms2":
        return String(rng.int(8, 45));
      case "loss":
        return String(rng.int(5, 60));
      case "gbps":
        return String(rng.int(5, 300));
      case "pct":
        return String(rng.int(88, 99));
      case "size":
        return String(rng.pick([40, 100, 200, 500, 1000, 2000, 4000]));
      case "tb":
        return String(rng.int(2, 80));
      case "count":
        return String(rng.int(2, 30));
      case "order":
        return `2${rng.int(10000000, 99999999)}${rng.int(1000000, 9999999)}`;
      case "uid":
        return `1${rng.int(100000000, 999999999)}${rng.int(100000, 999999)}`;
      case "api":
        return rng.pick(APIS);
      case "sdk":
        return rng.pick(SDKS);
      case "domain":
        return rng.pick(DOMAINS);
      case "time":
        return lang === "zh" ? rng.pick(TIMES_ZH) : rng.pick(TIMES_EN);
      case "month": {
        const m = new Date(at).getUTCMonth();
        return `${m === 0 ? 12 : m}月`;
      }
      case "monthEn": {
        const m = new Date(at).getUTCMonth();
        return MONTHS_EN[m === 0 ? 11 : m - 1]!;
      }
      case "region": {
        const r = REGIONS.find((x) => x.id === region)!;
        return lang === "zh" ? r.zh : r.en;
      }
      case "product":
        return product === "Billing" ? rng.pick(["CDN", "OSS", "ECS"]) : product;
      default:
        throw new Error(`unknown template placeholder {${key}}`);
    }
  }
}

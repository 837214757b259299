/**
 * Personal data that customers read out on calls. It must be checksum-valid so that the PII
 * detector (which validates checksums to avoid false positives) finds it, as it would in real
 * transcripts.
 */
import type { Rng } from "./random";

const MOBILE_PREFIXES = [
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
  "156", "157", "158", "159", "166", "173", "176", "177", "180", "181", "182", "183", "185", "186",
  "187", "188", "189", "198", "199",
] as const;

function digits(rng: Rng, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

/** A mainland China mobile number (11 digits, real carrier prefix). */
export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + digits(rng, 8);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = "10X98765432";

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID number. */
export function prcIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error("a resident ID body is 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

export function isValidPrcId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  return prcIdCheckDigit(id.slice(0, 17)) === id[17];
}

// Real county-level division codes, so the area part looks right to anyone who knows them.
const AREA_CODES = [
  "110101", "110105", "110108", "310104", "310115", "330106", "330108", "440305", "440106",
  "320102", "320583", "510107", "420106", "370202", "350203", "610113", "430104", "500103",
] as const;

/** An 18-character PRC resident ID with a plausible area, birth date and valid check digit. */
export function prcIdNumber(rng: Rng): string {
  const year = rng.int(1962, 2003);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const body =
    rng.pick(AREA_CODES) +
    String(year) +
    String(month).padStart(2, "0") +
    String(day).padStart(2, "0") +
    digits(rng, 3);
  return body + prcIdCheckDigit(body);
}

/** Luhn check digit for a card number body. */
export function luhnCheckDigit(body: string): string {
  if (!/^\d+$/.test(body)) throw new Error("a card number body is digits only");
  let sum = 0;
  // The check digit is appended at the right, so doubling starts at the body's last digit.
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(body[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function isValidLuhn(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  return luhnCheckDigit(number.slice(0, -1)) === number[number.length - 1];
}

// UnionPay debit BINs of large Chinese banks (ICBC, CCB, ABC, BOC, CMB), 16 or 19 digits long.
const CARD_BINS = [
  ["622202", 19], ["621700", 19], ["622848", 19], ["621661", 19], ["622588", 16], ["621483", 16],
] as const;

export function bankCardNumber(rng: Rng): string {
  const [bin, length] = rng.pick(CARD_BINS);
  const body = bin + digits(rng, length - bin.length - 1);
  return body + luhnCheckDigit(body);
}

const MAIL_DOMAINS = ["163.com", "qq.com", "126.com", "gmail.com", "outlook.com", "aliyun.com", "foxmail.com"] as const;
const MAIL_NAMES = ["zhang.wei", "li.na", "wangjun", "chenyu", "liu.yang", "zhaolei", "sunli", "j.smith", "m.tan", "devops", "ops.team", "admin", "it-support"] as const;

export function emailAddress(rng: Rng): string {
  return `${rng.pick(MAIL_NAMES)}${rng.chance(0.6) ? rng.int(1, 999) : ""}@${rng.pick(MAIL_DOMAINS)}`;
}

/** How a number is heard by speech recognition: sometimes grouped with spaces. */
export function spoken(number: string, rng: Rng, groups: readonly number[]): string {
  if (!rng.chance(0.3)) return number;
  const parts: string[] = [];
  let at = 0;
  for (const g of groups) {
    if (at >= number.length) break;
    parts.push(number.slice(at, at + g));
    at += g;
  }
  if (at < number.length) parts.push(number.slice(at));
  return parts.join(" ");
}

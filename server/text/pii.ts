/**
 * Personal data in free text, found and masked. Numbers are validated, not just shaped: a PRC
 * resident ID needs its ISO 7064 check character and a real birth date, a bank card its Luhn
 * digit and a card-network prefix, a mobile number a carrier prefix. Same-length order numbers
 * and timestamps therefore pass through. Speech recognition groups digits with spaces
 * ("138 1234 5678"), so separators inside numbers are allowed.
 *
 * In server/ because both the tagging job (jobs/nlp) and the record pages (server/records)
 * redact with it, and server/ imports nothing from jobs/.
 */
export type PiiKind = "mobile" | "landline" | "email" | "prc_id" | "bank_card" | "address";

export interface PiiHit {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
}

export const PII_MASK: Record<PiiKind, string> = {
  mobile: "[PHONE]",
  landline: "[PHONE]",
  email: "[EMAIL]",
  prc_id: "[ID]",
  bank_card: "[CARD]",
  address: "[ADDRESS]",
};

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

export function isValidPrcId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== id[17]) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidLuhn(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = number.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = Number(number[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// Mainland carrier prefixes (13x–19x with the blocks actually issued).
const MOBILE = /(?<![\d+])(?:\+?86[ -]?)?(1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9]))[ -]?(\d{4})[ -]?(\d{4})(?![\d])/g;
// Area code 0xx / 0xxx then a 7–8 digit number; a separator or brackets are required, since a
// bare 11–12 digit run is far more often an order number.
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\)\s?|0\d{2,3}[ -])\d{7,8}(?:-\d{1,5})?(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const ID = /(?<![\dA-Za-z])\d{6}(?:19|20)\d{9}[\dXx](?![\dA-Za-z])/g;
// 13–19 digits, optionally in groups of 4 separated by a space or dash.
const CARD = /(?<![\d-])(?:\d{4}[ -]){2,4}\d{1,7}(?![\d-])|(?<![\d])\d{13,19}(?!\d)/g;
const CARD_PREFIX = /^(?:62|4|5[1-5]|2[2-7]|3[47]|35|6011|65)/;
// Chinese addresses: a province (from the list) or a two-character city name with 市, then
// optionally city, district, and a street with a house number. Anchoring on known names keeps
// the words before an address ("寄到") out of the mask.
const PROVINCES =
  "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门";
const ADDRESS_ZH = new RegExp(
  String.raw`(?:(?:${PROVINCES})(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?|[\u4e00-\u9fa5]{2}市)` +
    String.raw`(?:[\u4e00-\u9fa5]{2,4}?(?:市|州|盟))?(?:[\u4e00-\u9fa5]{1,4}?(?:区|县|市|旗))?` +
    String.raw`[\u4e00-\u9fa5\d]{1,10}?(?:路|街|大道|巷|弄)[\d-]{1,6}号(?:[\d-]{1,5}(?:室|楼|栋|单元))?`,
  "gu",
);
const ADDRESS_EN = /\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct)\b\.?(?:,?\s+(?:Apt|Suite|Unit)\s*\d+)?/g;

function digitsOf(s: string): string {
  return s.replace(/[^\dXx]/g, "").toUpperCase();
}

/** Appends the matches of `re` that `valid` accepts and that overlap no earlier hit. */
function addHits(hits: PiiHit[], text: string, kind: PiiKind, re: RegExp, valid: (m: string) => boolean): void {
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (hits.some((h) => start < h.end && end > h.start)) continue;
    if (valid(m[0])) hits.push({ kind, start, end, value: m[0] });
  }
}

/** All PII in `text`, non-overlapping, in order (an ID beats a card, a card beats a phone). */
export function findPii(text: string): PiiHit[] {
  // Most texts hold no PII; one pass over the characters tells which patterns could match at all
  // (numbers need 10 digits or more, an e-mail an @, a Chinese address 号), so the regular
  // expressions run only where they might. Same hits, same order of precedence.
  let digits = 0;
  let at = false;
  let hao = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x40) at = true;
    else if (c === 0x53f7) hao = true;
  }
  const hits: PiiHit[] = [];
  if (digits === 0 && !at && !hao) return hits;
  if (at) addHits(hits, text, "email", EMAIL, () => true);
  if (digits >= 10) {
    addHits(hits, text, "prc_id", ID, (m) => isValidPrcId(digitsOf(m)));
    addHits(hits, text, "bank_card", CARD, (m) => {
      const d = digitsOf(m);
      return d.length >= 13 && d.length <= 19 && CARD_PREFIX.test(d) && isValidLuhn(d);
    });
    addHits(hits, text, "mobile", MOBILE, () => true);
    addHits(hits, text, "landline", LANDLINE, () => true);
  }
  if (hao) addHits(hits, text, "address", ADDRESS_ZH, () => true);
  if (digits > 0) addHits(hits, text, "address", ADDRESS_EN, () => true);
  return hits.sort((a, b) => a.start - b.start);
}

/** The text with every hit replaced by its mask, and the kinds found. */
export function redact(text: string): { text: string; kinds: PiiKind[] } {
  const hits = findPii(text);
  if (hits.length === 0) return { text, kinds: [] };
  let out = "";
  let at = 0;
  for (const h of hits) {
    out += text.slice(at, h.start) + PII_MASK[h.kind];
    at = h.end;
  }
  return { text: out + text.slice(at), kinds: [...new Set(hits.map((h) => h.kind))] };
}

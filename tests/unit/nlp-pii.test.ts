import { describe, expect, it } from "vitest";
import { findPii, isValidLuhn, isValidPrcId, redact } from "../../jobs/nlp/pii";
import { breakLast, withIdCheck, withLuhn } from "../fixtures/nlp/pii-numbers";

const ID = withIdCheck("11010519491231002"); // a valid resident ID (check character computed)
const CARD19 = withLuhn("622202123456789012"); // UnionPay, 19 digits
const CARD16 = withLuhn("622588123456789"); // 16 digits

describe("PII checksums", () => {
  it("accepts a resident ID with its ISO 7064 check character and a real birth date", () => {
    expect(isValidPrcId(ID)).toBe(true);
    expect(isValidPrcId(breakLast(ID))).toBe(false);
    // Right checksum, impossible birth date (Feb 30).
    expect(isValidPrcId(withIdCheck("11010519490230002"))).toBe(false);
  });

  it("accepts bank cards that pass Luhn only", () => {
    expect(isValidLuhn(CARD19)).toBe(true);
    expect(isValidLuhn(CARD16)).toBe(true);
    expect(isValidLuhn(breakLast(CARD16))).toBe(false);
  });
});

describe("PII found (zh and en)", () => {
  it.each([
    ["mobile", "我的手机号是13812345678。", "13812345678"],
    ["mobile", "注册手机号是138 1234 5678，谢谢", "138 1234 5678"],
    ["mobile", "My phone number is +86 139-1234-5678.", "139-1234-5678"],
    ["landline", "座机是010-62345678，白天打", "010-62345678"],
    ["landline", "call (0571) 88881234 please", "(0571) 88881234"],
    ["email", "注册邮箱是zhang.wei88@163.com。", "zhang.wei88@163.com"],
    ["prc_id", `身份证号${ID}，是法人的。`, ID],
    ["bank_card", `退款请打到我的银行卡上，卡号是${CARD19}。`, CARD19],
    ["bank_card", `the number is ${CARD16.replace(/(\d{4})(?=\d)/g, "$1 ")}.`, CARD16.replace(/(\d{4})(?=\d)/g, "$1 ")],
    ["address", "寄到浙江省杭州市西湖区文三路90号3楼", "浙江省杭州市西湖区文三路90号"],
    ["address", "Ship it to 221 Baker Street, London", "221 Baker Street"],
  ])("%s in %s", (kind, text, value) => {
    const hits = findPii(text);
    expect(hits.map((h) => h.kind)).toEqual([kind]);
    expect(hits[0]!.value).toContain(value);
  });
});

describe("same-length numbers that are not PII", () => {
  it.each([
    ["an 18-digit order number whose check character is wrong", `订单号${breakLast(ID)}`],
    ["an 18-digit order number that is not a birth-date shape", "订单号202511230000451234"],
    ["a 16-digit order number failing Luhn", `order ${breakLast(CARD16)} was shipped`],
    ["a 19-digit order number failing Luhn", `订单${breakLast(CARD19)}已发货`],
    ["a millisecond timestamp (13 digits)", "ts=1732345678901 in the log"],
    ["a second timestamp (10 digits)", "时间戳1732345678"],
    ["an 11-digit order number without a carrier prefix", "工单号 20251123000"],
    ["a 12-digit number that starts like a mobile", "流水号138123456789"],
    ["a date-time", "2025-11-23 08:30:00 开始丢包"],
  ])("%s", (_what, text) => {
    expect(findPii(text)).toEqual([]);
  });
});

describe("redaction", () => {
  it("masks every hit and reports the kinds", () => {
    const r = redact(`手机13812345678，邮箱a.b@qq.com，身份证${ID}，卡号${CARD19}`);
    expect(r.text).toBe("手机[PHONE]，邮箱[EMAIL]，身份证[ID]，卡号[CARD]");
    expect(r.kinds.sort()).toEqual(["bank_card", "email", "mobile", "prc_id"]);
  });

  it("leaves text without PII unchanged", () => {
    expect(redact("控制台登录不了，报错 InvalidAccessKeyId")).toEqual({ text: "控制台登录不了，报错 InvalidAccessKeyId", kinds: [] });
  });
});

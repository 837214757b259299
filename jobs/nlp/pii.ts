/** The PII redactor lives in server/text/pii.ts (the record pages use it too); the tagger imports it from here. */
export * from "../../server/text/pii";

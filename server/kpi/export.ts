import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import { PassThrough, Readable } from "node:stream";
import type { Db } from "../clickhouse/client";
import type { KpiQueryContext } from "./definitions";
import { drillAll, drillSpec, type DrillTarget } from "./drilldown";

export type ExportFormat = "csv" | "xlsx";

export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * The drill-down list as a file, one row per record, times in the configured timezone, streamed
 * so a large export does not sit in memory. CSV starts with a BOM so Excel reads Chinese text.
 */
export function exportDrilldown(dbx: Db, ctx: KpiQueryContext, target: DrillTarget, format: ExportFormat): Readable {
  const header = drillSpec(target, ctx).columns.map((c) => `${c.label.en}${c.time ? ` (${ctx.timezone})` : ""}`);
  const out = new PassThrough();

  const run = async () => {
    if (format === "csv") {
      const csv = stringify({ bom: true });
      csv.pipe(out);
      csv.write(header);
      for await (const { columns, rows } of drillAll(dbx, ctx, target)) {
        for (const row of rows) {
          if (!csv.write(columns.map((c) => row[c.key] ?? ""))) await new Promise((r) => csv.once("drain", r));
        }
      }
      csv.end();
      return;
    }
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet(target);
    sheet.addRow(header).commit();
    for await (const { columns, rows } of drillAll(dbx, ctx, target)) {
      for (const row of rows) sheet.addRow(columns.map((c) => row[c.key] ?? "")).commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  run().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

import { describe, expect, it } from "vitest";
import { DRILL_TARGETS, DrillInputSchema, drillSource } from "../../server/kpi/drilldown";
import { HEAT_CELL_TARGETS, heatCellTarget, parseHeatCellTarget } from "../../server/kpi/heat-cells";

describe("heatmap cell drill-down targets", () => {
  it("are an allow-list of the 7 × 24 cells, each a ticket list", () => {
    expect(HEAT_CELL_TARGETS).toHaveLength(168);
    expect(new Set(HEAT_CELL_TARGETS).size).toBe(168);
    expect(HEAT_CELL_TARGETS[0]).toBe("heat.1.0");
    expect(HEAT_CELL_TARGETS.at(-1)).toBe("heat.7.23");
    for (const target of HEAT_CELL_TARGETS) {
      expect(DRILL_TARGETS).toContain(target);
      expect(drillSource(target)).toBe("tickets");
    }
    expect(heatCellTarget(2, 14)).toBe("heat.2.14");
  });

  it("parse back to their weekday and hour; anything else is no cell and is refused as a target", () => {
    expect(parseHeatCellTarget("heat.2.14")).toEqual({ weekday: 2, hour: 14 });
    expect(parseHeatCellTarget("heat.7.0")).toEqual({ weekday: 7, hour: 0 });
    for (const bad of ["heat.0.1", "heat.8.1", "heat.1.24", "heat.1.05", "heat.01.5", "heat.1.-1", "heat.1", "heat.1.1.1", " heat.1.1", "tickets", "frt.lt15m"]) {
      expect(parseHeatCellTarget(bad), bad).toBeNull();
      if (bad !== "tickets" && bad !== "frt.lt15m") expect(DrillInputSchema.safeParse({ target: bad }).success, bad).toBe(false);
    }
    expect(DrillInputSchema.parse({ target: "heat.5.9" }).target).toBe("heat.5.9");
  });
});

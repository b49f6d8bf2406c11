// Investment figures for an object: price from sale analogs (unless given), rent from rent analogs, then the arithmetic.
import type { Investment, InvestmentRequest } from "@wewall/shared";
import { investmentFigures } from "./investment-figures.js";
import type { Valuator } from "./value-property.js";

// Defaults for Moscow flats; every one is overridable in the request and echoed in `assumptions`.
export const INVESTMENT_DEFAULTS = {
  purchaseCostsShare: 0.02, // registration, agent, mortgage paperwork
  monthlyCostsPerM2: 60, // utilities and upkeep the landlord pays, ₽/m²
  vacancy: 0.05, // about 2.5 weeks a year between tenants
  rentGrowth: 0.05,
  priceGrowth: 0.04,
  horizonYears: 10,
  saleCosts: 0.02,
};

export async function estimateInvestment(valuator: Valuator, request: InvestmentRequest): Promise<Investment> {
  const {
    purchasePrice: givenPrice,
    purchaseCosts,
    monthlyCosts,
    vacancy,
    rentGrowth,
    priceGrowth,
    horizonYears,
    ...object
  } = request;
  const purchasePrice = givenPrice ?? (await valuator.value({ ...object, dealType: "sale" })).price;
  const rent = await valuator.value({ ...object, dealType: "rent" });
  const inputs = {
    purchasePrice,
    purchaseCosts: purchaseCosts ?? purchasePrice * INVESTMENT_DEFAULTS.purchaseCostsShare,
    monthlyRent: rent.price,
    monthlyCosts: monthlyCosts ?? Math.round(object.area * INVESTMENT_DEFAULTS.monthlyCostsPerM2),
    vacancy: vacancy ?? INVESTMENT_DEFAULTS.vacancy,
    rentGrowth: rentGrowth ?? INVESTMENT_DEFAULTS.rentGrowth,
    priceGrowth: priceGrowth ?? INVESTMENT_DEFAULTS.priceGrowth,
    horizonYears: horizonYears ?? INVESTMENT_DEFAULTS.horizonYears,
    saleCosts: INVESTMENT_DEFAULTS.saleCosts,
  };
  const figures = investmentFigures(inputs);
  const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    purchasePrice,
    monthlyRent: rent.price,
    grossYield: round(figures.grossYield, 4),
    netYield: round(figures.netYield, 4),
    paybackYears: figures.paybackYears === null ? null : round(figures.paybackYears, 1),
    irr: figures.irr === null ? null : round(figures.irr, 4),
    horizonYears: inputs.horizonYears,
    assumptions: {
      purchaseCosts: inputs.purchaseCosts,
      monthlyCosts: inputs.monthlyCosts,
      vacancy: inputs.vacancy,
      rentGrowth: inputs.rentGrowth,
      priceGrowth: inputs.priceGrowth,
      saleCosts: inputs.saleCosts,
      rentLow: rent.low,
      rentHigh: rent.high,
      rentAnalogs: rent.analogs.length,
    },
  };
}

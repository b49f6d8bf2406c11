// Rental investment arithmetic: yields, payback and the IRR of buy, let, and sell at the horizon.
export interface InvestmentInputs {
  purchasePrice: number;
  purchaseCosts: number;
  monthlyRent: number;
  monthlyCosts: number;
  vacancy: number;
  rentGrowth: number;
  priceGrowth: number;
  horizonYears: number;
  saleCosts: number;
}

export interface InvestmentFigures {
  grossYield: number;
  netYield: number;
  paybackYears: number | null;
  irr: number | null;
  cashFlows: number[];
}

export function investmentFigures(i: InvestmentInputs): InvestmentFigures {
  const invested = i.purchasePrice + i.purchaseCosts;
  const firstYearNet = 12 * i.monthlyRent * (1 - i.vacancy) - 12 * i.monthlyCosts;
  const cashFlows = [-invested];
  for (let year = 1; year <= i.horizonYears; year++) {
    // costs are indexed like rent: both follow the same inflation
    const growth = (1 + i.rentGrowth) ** (year - 1);
    let flow = firstYearNet * growth;
    if (year === i.horizonYears) flow += i.purchasePrice * (1 + i.priceGrowth) ** year * (1 - i.saleCosts);
    cashFlows.push(flow);
  }
  return {
    grossYield: (12 * i.monthlyRent) / i.purchasePrice,
    netYield: firstYearNet / invested,
    paybackYears: firstYearNet > 0 ? invested / firstYearNet : null,
    irr: internalRateOfReturn(cashFlows),
    cashFlows,
  };
}

export function netPresentValue(rate: number, cashFlows: readonly number[]): number {
  return cashFlows.reduce((sum, flow, t) => sum + flow / (1 + rate) ** t, 0);
}

// Bisection: NPV falls monotonically in the rate for an outlay followed by inflows, so one root is bracketed.
export function internalRateOfReturn(cashFlows: readonly number[]): number | null {
  let lo = -0.99;
  let hi = 10;
  let npvLo = netPresentValue(lo, cashFlows);
  const npvHi = netPresentValue(hi, cashFlows);
  if (Number.isNaN(npvLo) || Number.isNaN(npvHi) || Math.sign(npvLo) === Math.sign(npvHi)) return null;
  for (let step = 0; step < 200 && hi - lo > 1e-9; step++) {
    const mid = (lo + hi) / 2;
    const npvMid = netPresentValue(mid, cashFlows);
    if (Math.sign(npvMid) === Math.sign(npvLo)) {
      lo = mid;
      npvLo = npvMid;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

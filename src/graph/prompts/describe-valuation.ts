// The valuation answer in words: price and range, price per m² and the comparables behind it, and what letting would earn.
import type { ValuationSummary } from "../state.js";
import { formatNumber, formatRub } from "./russian-format.js";

export function describeValuation(v: ValuationSummary): string {
  const lines = [
    `Оценка: ${formatRub(v.price)} (диапазон ${formatRub(v.low)} — ${formatRub(v.high)}).`,
    `Это ${formatRub(v.pricePerM2)} за м², по ${v.analogCount} похожим объявлениям с поправками на площадь, метро и этаж.`,
  ];
  if (v.monthlyRent) {
    lines.push(
      `Если сдавать: около ${formatRub(v.monthlyRent)} в месяц, доходность ${formatNumber((v.grossYield ?? 0) * 100)}% годовых` +
        (v.paybackYears ? `, окупаемость ~${formatNumber(v.paybackYears)} лет.` : "."),
    );
  }
  return lines.join("\n");
}

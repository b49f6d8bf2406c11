// Numbers as a Russian client reads them: counts that agree with their noun, roubles, millions, decimals with a comma.

/** "1 вариант", "3 варианта", "11 вариантов", "21 вариант": Russian agreement of a noun with a count. */
export function countOf(count: number, [one, few, many]: [string, string, string]): string {
  const lastTwo = count % 100;
  const last = count % 10;
  const form = lastTwo >= 11 && lastTwo <= 14 ? many : last === 1 ? one : last >= 2 && last <= 4 ? few : many;
  return `${count} ${form}`;
}

const rub = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 });

export const formatRub = (value: number) => `${rub.format(Math.round(value))} ₽`;
export const formatNumber = (value: number) => decimal.format(value);
/** "14,7 млн ₽" for a purchase; a rent-sized sum below a million stays in roubles ("120 000 ₽"), never "0,1 млн". */
export const formatMillions = (value: number) =>
  value >= 1_000_000 ? `${formatNumber(value / 1_000_000)} млн ₽` : formatRub(value);

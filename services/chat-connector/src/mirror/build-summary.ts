// A short, rule-built note for the manager taking a dialog over: what the client wants, in the funnel's words.
const labels: Record<string, Record<string, string>> = {
  intent: {
    search: "подбор объекта",
    valuation: "оценка объекта",
    manager: "разговор с менеджером",
    question: "вопрос",
  },
  dealType: { sale: "покупка", rent: "аренда" },
  propertyType: { flat: "квартира", office: "офис", retail: "торговое помещение" },
};

const money = (value: number) =>
  `${Math.round(value)
    .toLocaleString("ru-RU")
    .replace(/\u00a0/g, " ")} ₽`;

export interface SummaryInput {
  reason: string | undefined;
  stage: string | undefined;
  slots: Record<string, unknown>;
  clientMessages: number;
}

// The note's first line, whoever writes the rest.
export const handoffHeader = (reason: string | undefined) => `Диалог передан менеджеру${reason ? ` (${reason})` : ""}.`;

export function buildSummary(input: SummaryInput): string {
  const s = input.slots;
  const word = (slot: string) => {
    const value = s[slot];
    return typeof value === "string" ? (labels[slot]?.[value] ?? value) : undefined;
  };
  const num = (slot: string) => (typeof s[slot] === "number" ? s[slot] : undefined);
  const parts: string[] = [];
  const wish = [word("intent"), word("dealType"), word("propertyType")].filter(Boolean).join(", ");
  if (wish) parts.push(`Запрос: ${wish}.`);
  const details: string[] = [];
  const rooms = num("rooms");
  if (rooms !== undefined) details.push(rooms === 0 ? "студия" : `${rooms}-комн.`);
  const area = num("area");
  if (area !== undefined) details.push(`${area} м²`);
  const budget = num("budget");
  const budgetMin = num("budgetMin");
  if (budget !== undefined)
    details.push(budgetMin ? `бюджет ${money(budgetMin)}–${money(budget)}` : `бюджет до ${money(budget)}`);
  const floor = num("floor");
  if (floor !== undefined) details.push(`этаж ${floor}${num("floorsTotal") ? `/${num("floorsTotal")}` : ""}`);
  if (typeof s.metro === "string")
    details.push(`м. ${s.metro}${num("walkMinutes") !== undefined ? `, ${num("walkMinutes")} мин пешком` : ""}`);
  if (typeof s.district === "string") details.push(`район ${s.district}`);
  if (details.length) parts.push(`Параметры: ${details.join(", ")}.`);
  if (typeof s.name === "string") parts.push(`Имя: ${s.name}.`);
  parts.push(`Этап воронки: ${input.stage ?? "начало"}. Сообщений клиента: ${input.clientMessages}.`);
  return [handoffHeader(input.reason), ...parts].join("\n");
}

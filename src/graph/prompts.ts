// Every text the bot says, in Russian, in one place.
import type { Button, RelaxSuggestion } from "@wewall/shared";

export const intentButtons: Button[][] = [
  [{ text: "🔎 Найти недвижимость", data: "intent:search" }],
  [{ text: "💰 Оценить мою недвижимость", data: "intent:valuation" }],
  [
    { text: "👤 Связаться с менеджером", data: "intent:manager" },
    { text: "❓ Задать вопрос", data: "intent:question" },
  ],
];

export const confirmButtons: Button[][] = [
  [
    { text: "✅ Да, всё верно", data: "confirm:yes" },
    { text: "✏️ Изменить", data: "confirm:edit" },
  ],
];

const callMe: Button = { text: "📞 Позвоните мне", data: "contact:call" };

export const resultButtons = (hasMore: boolean): Button[][] => [
  [...(hasMore ? [{ text: "➡️ Ещё варианты", data: "more" }] : []), callMe],
];

export const relaxButtons = (offers: RelaxSuggestion[]): Button[][] => [
  ...offers.map((offer) => [
    { text: `🔓 ${offer.suggestion} — найдётся ${offer.total}`, data: `relax:${offer.filter}` },
  ]),
  [callMe],
];

export const prompts = {
  greeting: "Здравствуйте! Я помощник агентства недвижимости WeWall. Чем могу помочь?",
  chooseIntent: "Подскажите, что вас интересует:",
  restarted: "Начнём сначала.",
  handoff: "Передаю разговор менеджеру — он ответит здесь же, в этом чате.",
  resumed: "Я снова на связи.",
  questionNoAnswer:
    "Хороший вопрос. Я передал его менеджеру — он ответит здесь же. А пока могу подобрать варианты или оценить вашу недвижимость.",
  questionAsk: "Спрашивайте — отвечу по материалам агентства. Если ответа у меня нет, вопрос получит менеджер.",
  questionMore: "Могу ещё подобрать варианты или оценить вашу недвижимость.",
  confirmIntro: "Проверьте, всё ли я правильно понял:",
  confirmAsk: "Всё верно?",
  editAsk: "Что исправить? Напишите, например: «комнат три» или «бюджет 15 млн».",
  backNothing: "Мы в самом начале — вернуться некуда.",
  didNotUnderstand: "Простите, не понял ответ.",
  toolDown:
    "Сервис расчёта сейчас не отвечает. Я сохранил ваши параметры — напишите «да» чуть позже, и я попробую снова, или оставьте телефон, и менеджер всё посчитает.",
  commercialNoData: "По коммерческой недвижимости точную оценку подготовит менеджер. Я передам ему ваши параметры.",
  found: (total: number, capped: boolean, offset: number) =>
    `Нашёл ${capped ? "больше " : ""}${countOf(total, ["вариант", "варианта", "вариантов"])}. ` +
    `Вот ${offset > 0 ? "следующие" : total === 1 ? "он" : "лучшие"}:`,
  nothingFound: "По этим параметрам ничего не нашлось.",
  noMoreListings: "Больше вариантов нет.",
  relaxAsk: "Можно смягчить условия — выберите, что подойдёт, или измените параметры сообщением:",
  askPhone: "Оставьте номер телефона — менеджер свяжется с вами. Можно нажать кнопку «Поделиться номером».",
  askName: "Как к вам обращаться?",
  askConsent: "Согласны на обработку персональных данных для связи с вами?",
  badPhone: "Не похоже на номер телефона. Напишите, пожалуйста, в формате +7 916 123-45-67.",
  callDropped: "Хорошо, без звонка.",
  noPhone:
    "Хорошо, без телефона. Если передумаете — просто напишите номер, и менеджер свяжется с вами. Чем ещё могу помочь?",
  noConsent: "Понял, без согласия я не могу передать контакты. Если передумаете — напишите «согласен».",
  leadCreated: (name: string | undefined) =>
    `Спасибо${name ? `, ${name}` : ""}! Заявка принята, менеджер свяжется с вами в ближайшее время.`,
  done: "Чем ещё могу помочь?",
  skipHint: "Можно ответить «не важно», чтобы пропустить.",
};

/** "1 вариант", "3 варианта", "11 вариантов", "21 вариант": Russian agreement of a noun with a count. */
export function countOf(count: number, [one, few, many]: [string, string, string]): string {
  const lastTwo = count % 100;
  const last = count % 10;
  const form = lastTwo >= 11 && lastTwo <= 14 ? many : last === 1 ? one : last >= 2 && last <= 4 ? few : many;
  return `${count} ${form}`;
}

const rub = new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 0 });
export const formatRub = (value: number) => `${rub.format(Math.round(value))} ₽`;
export const formatNumber = (value: number) =>
  new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 }).format(value);

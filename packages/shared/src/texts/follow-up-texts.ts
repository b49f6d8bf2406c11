// What the scheduler writes to a silent client (Russian); the button data is what the core's funnel reads back.
import type { Button } from "../contracts/messages.js";

const callMe: Button = { text: "📞 Позвоните мне", data: "contact:call" };
// Every follow-up says how to stop them: the core's rules hear these words.
const stopHint = "Если не хотите, чтобы я писал первым, напишите «не пишите мне».";

export const followUpTexts = {
  /** The first reminder repeats the question the client left open, with its buttons. */
  reminder: (question: string | undefined) =>
    question
      ? `Напомню о себе 🙂 Мы остановились на вопросе:\n\n${question}\n\n${stopHint}`
      : `Напомню о себе 🙂 Давайте продолжим — ответьте, когда будет удобно.\n\n${stopHint}`,
  reminderAgain:
    "Если сейчас неудобно — ничего страшного. Когда будете готовы, просто ответьте, и я продолжу с того же места. " +
    `Или нажмите кнопку ниже — менеджер позвонит сам.\n\n${stopHint}`,
  newListings:
    "Всё ещё ищете? Могу показать варианты по вашим параметрам, которые вы ещё не видели. Показать?\n\n" + stopHint,
  newListingsButtons: [[{ text: "➡️ Показать варианты", data: "more" }, callMe]] satisfies Button[][],
  callOffer:
    "Оценка — только начало. Хотите, менеджер бесплатно позвонит и расскажет, как продать или сдать выгоднее и быстрее?\n\n" +
    stopHint,
  callButtons: [[callMe]] satisfies Button[][],
} as const;

// What a channel says to a client on its own (not from the core's reply), shared so the core's prompts name the same words.

export const channelTexts = {
  /** The label of the button that sends the client's own phone; the core's phone question names it, so one string. */
  sharePhoneButton: "📱 Поделиться телефоном",
  /** A separate message carries the phone button when the reply already has inline buttons (one keyboard a message). */
  sharePhonePrompt: "Нажмите кнопку ниже, чтобы поделиться номером телефона.",
  /** Voice, stickers, files, photos: what the bot cannot read, answered by the channel without a turn. */
  unsupportedMessage:
    "Извините, я понимаю только текстовые сообщения, нажатия на кнопки, контакт и геопозицию. " +
    "Голосовые, стикеры, файлы и фото я пока не умею читать — напишите, пожалуйста, текстом.",
} as const;

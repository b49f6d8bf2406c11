// Every text the funnel shows a client, in Russian: import from here. Words a channel shows on its own are channelTexts in @wewall/shared.
export { consentButtons, confirmButtons, intentButtons, relaxButtons, resultButtons } from "./buttons.js";
export { describeListing } from "./describe-listing.js";
export { describeValuation } from "./describe-valuation.js";
export { prompts } from "./prompts.js";
export { relaxLabel } from "./relax-label.js";
export { countOf, formatMillions, formatNumber, formatRub } from "./russian-format.js";
export { slotTexts, type QuestionSlot, type SlotTexts } from "./slot-texts.js";

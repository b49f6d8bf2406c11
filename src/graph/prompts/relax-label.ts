// How the bot words a loosening analog-search offers for an empty answer: the service sends values, not text.
import type { RelaxOption } from "@wewall/shared";
import { formatMillions, formatNumber } from "./russian-format.js";

const km = (metres: number) => `${formatNumber(metres / 1000)} км`;

export function relaxLabel(option: RelaxOption): string {
  switch (option.filter) {
    case "rooms":
      return "любое число комнат";
    case "budget":
      return `бюджет до ${formatMillions(option.priceMax)}`;
    case "area":
      return `площадь шире на ${formatNumber(option.widenPercent)}%`;
    case "metro":
      return option.around
        ? `станции в радиусе ${km(option.around.radiusM)} от «${option.around.station}»`
        : "любая станция метро";
    case "district":
      return "любой район";
    case "near":
      return `радиус ${km(option.radiusM)}`;
    case "walkMinutesMax":
      return `до ${formatNumber(option.walkMinutesMax)} мин пешком`;
    case "floor":
      return "любой этаж";
    case "market":
      return "и новостройки, и вторичка";
  }
}

// The same ten client messages a real buyer would send, repeated; "/start" opens each round.
export const BUYER_SCRIPT = [
  "/start",
  "хочу купить квартиру",
  "двушку",
  "55 метров",
  "до 20 млн",
  "у Курской",
  "10 минут",
  "да",
  "+7 916 123-45-67",
  "Иван",
];

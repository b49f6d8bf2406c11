// Public surface of @wewall/ru-numbers.
export {};

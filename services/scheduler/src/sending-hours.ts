// When a follow-up may reach a client: outside the quiet hours of their time zone, and on weekends only if allowed.

export interface SendingHours {
  /** Minutes after local midnight when the quiet hours start (21:00 → 1260); equal to quietTo = never quiet. */
  quietFrom: number;
  /** Minutes after local midnight when they end (10:00 → 600); before quietFrom, the quiet hours cross midnight. */
  quietTo: number;
  /** IANA zone of the client (Europe/Moscow unless a channel knows better). */
  timeZone: string;
  /** Whether Saturday and Sunday are days to write on. */
  weekends: boolean;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  minutes: number;
  weekday: number; // 0 = Sunday
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const formats = new Map<string, Intl.DateTimeFormat>();

function localTime(at: Date, timeZone: string): LocalTime {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
  };
}

/** Minutes the zone is ahead of UTC at that instant. */
function offsetMinutes(at: Date, timeZone: string): number {
  const local = localTime(at, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, 0, local.minutes);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant a local wall-clock time happens (checked twice, so a DST change between guess and answer is met). */
function instantOf(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const first = new Date(wall - offsetMinutes(new Date(wall), timeZone) * 60_000);
  return new Date(wall - offsetMinutes(first, timeZone) * 60_000);
}

export function isQuiet(minutes: number, hours: Pick<SendingHours, "quietFrom" | "quietTo">): boolean {
  const { quietFrom: from, quietTo: to } = hours;
  if (from === to) return false;
  return from > to ? minutes >= from || minutes < to : minutes >= from && minutes < to;
}

function mayWrite(at: Date, hours: SendingHours): boolean {
  const local = localTime(at, hours.timeZone);
  const weekend = local.weekday === 0 || local.weekday === 6;
  return !isQuiet(local.minutes, hours) && (hours.weekends || !weekend);
}

/** `at` itself when a follow-up may go out then; otherwise the next moment the quiet hours (and weekend) end. */
export function nextSendableTime(at: Date, hours: SendingHours): Date {
  if (mayWrite(at, hours)) return at;
  const local = localTime(at, hours.timeZone);
  // The quiet hours end at quietTo on some day: today's, or a later one (a weekend skipped takes up to two more).
  for (let ahead = 0; ahead <= 8; ahead += 1) {
    const candidate = instantOf(local.year, local.month, local.day + ahead, hours.quietTo, hours.timeZone);
    if (candidate.getTime() > at.getTime() && mayWrite(candidate, hours)) return candidate;
  }
  return at;
}

/** "21:00" → 1260. */
export function minutesOfDay(text: string): number {
  const [hours, minutes] = text.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

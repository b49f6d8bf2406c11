// Quiet hours across midnight, in the client's zone, with and without weekends.
import { describe, expect, it } from "vitest";
import { isQuiet, minutesOfDay, nextSendableTime, type SendingHours } from "./sending-hours.js";

const moscow: SendingHours = { quietFrom: 21 * 60, quietTo: 10 * 60, timeZone: "Europe/Moscow", weekends: true };
// Moscow is UTC+3 all year.
const msk = (local: string) => new Date(`${local}+03:00`);

describe("nextSendableTime", () => {
  it("lets a daytime follow-up go at once", () => {
    expect(nextSendableTime(msk("2025-03-04T12:00:00"), moscow)).toEqual(msk("2025-03-04T12:00:00"));
    expect(nextSendableTime(msk("2025-03-04T20:59:00"), moscow)).toEqual(msk("2025-03-04T20:59:00"));
    expect(nextSendableTime(msk("2025-03-04T10:00:00"), moscow)).toEqual(msk("2025-03-04T10:00:00"));
  });

  it("moves one due in the evening or after midnight to 10:00 local", () => {
    expect(nextSendableTime(msk("2025-03-04T21:00:00"), moscow)).toEqual(msk("2025-03-05T10:00:00"));
    expect(nextSendableTime(msk("2025-03-04T23:59:00"), moscow)).toEqual(msk("2025-03-05T10:00:00"));
    expect(nextSendableTime(msk("2025-03-05T00:00:00"), moscow)).toEqual(msk("2025-03-05T10:00:00"));
    expect(nextSendableTime(msk("2025-03-05T09:59:00"), moscow)).toEqual(msk("2025-03-05T10:00:00"));
    // Across a month's and a year's end.
    expect(nextSendableTime(msk("2025-12-31T22:30:00"), moscow)).toEqual(msk("2026-01-01T10:00:00"));
  });

  it("skips Saturday and Sunday when weekends are off", () => {
    const weekdays = { ...moscow, weekends: false };
    // 2025-03-07 is a Friday.
    expect(nextSendableTime(msk("2025-03-07T15:00:00"), weekdays)).toEqual(msk("2025-03-07T15:00:00"));
    expect(nextSendableTime(msk("2025-03-07T22:00:00"), weekdays)).toEqual(msk("2025-03-10T10:00:00"));
    expect(nextSendableTime(msk("2025-03-08T13:00:00"), weekdays)).toEqual(msk("2025-03-10T10:00:00"));
    expect(nextSendableTime(msk("2025-03-09T23:00:00"), weekdays)).toEqual(msk("2025-03-10T10:00:00"));
    expect(nextSendableTime(msk("2025-03-08T13:00:00"), moscow)).toEqual(msk("2025-03-08T13:00:00"));
  });

  it("reads the hours in the client's zone, through a daylight-saving change", () => {
    const berlin = { ...moscow, timeZone: "Europe/Berlin" };
    // 22:00 in Berlin on the night clocks go forward (2025-03-30 02:00 → 03:00): 10:00 CEST is 08:00 UTC.
    expect(nextSendableTime(new Date("2025-03-29T21:00:00Z"), berlin)).toEqual(new Date("2025-03-30T08:00:00Z"));
    // 12:00 in Moscow is 10:00 in Berlin (winter): sendable there.
    expect(nextSendableTime(msk("2025-03-04T12:00:00"), berlin)).toEqual(msk("2025-03-04T12:00:00"));
    // 11:00 in Moscow is 09:00 in Berlin: quiet there until 10:00 Berlin.
    expect(nextSendableTime(msk("2025-03-04T11:00:00"), berlin)).toEqual(msk("2025-03-04T12:00:00"));
  });

  it("knows quiet hours that do not cross midnight, and none at all", () => {
    const lunch = { quietFrom: minutesOfDay("13:00"), quietTo: minutesOfDay("14:00") };
    expect([isQuiet(minutesOfDay("13:30"), lunch), isQuiet(minutesOfDay("14:00"), lunch)]).toEqual([true, false]);
    const never = { ...moscow, quietFrom: 600, quietTo: 600 };
    expect(nextSendableTime(msk("2025-03-04T03:00:00"), never)).toEqual(msk("2025-03-04T03:00:00"));
  });
});

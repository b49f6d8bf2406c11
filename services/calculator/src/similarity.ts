// How unlike the object an analog is: 0 is a twin; weights come from exp(-distance), so the scale matters.
import type { Comparable } from "@wewall/catalogue";

export interface SimilaritySubject {
  area: number;
  rooms: number;
  floor?: number | null | undefined;
  floorsTotal?: number | null | undefined;
  walkMinutes?: number | null | undefined;
  market?: "new_building" | "secondary" | null | undefined;
  buildingType?: string | null | undefined;
  yearBuilt?: number | null | undefined;
  metroKey?: string | null | undefined;
  addressKey?: string | null | undefined;
  streetKey?: string | null | undefined;
}

// Tuned on the hold-out bench (bench.ts): area and building height explain most of the spread within a station.
const W = {
  area: 3,
  rooms: 0.3,
  market: 0.5,
  sameBuilding: 1.0,
  sameStreet: 0.3,
  buildingType: 0.2,
  year: 0.5,
  floorsTotal: 1,
  floor: 0.4,
  minutes: 0.3,
  otherStation: 0.5,
};

export function similarityDistance(subject: SimilaritySubject, analog: Comparable): number {
  let d = W.area * Math.abs(Math.log(analog.area / subject.area));
  d += W.rooms * Math.abs((analog.rooms ?? subject.rooms) - subject.rooms);
  if (subject.market && analog.market && subject.market !== analog.market) d += W.market;
  if (subject.addressKey && analog.addressKey === subject.addressKey) d -= W.sameBuilding;
  else if (subject.streetKey && analog.streetKey === subject.streetKey) d -= W.sameStreet;
  if (subject.buildingType && analog.buildingType && subject.buildingType !== analog.buildingType) d += W.buildingType;
  if (subject.yearBuilt && analog.yearBuilt)
    d += W.year * Math.min(Math.abs(subject.yearBuilt - analog.yearBuilt) / 20, 1);
  else if (Boolean(subject.yearBuilt) !== Boolean(analog.yearBuilt)) d += W.year / 2;
  if (subject.floorsTotal && analog.floorsTotal)
    d += W.floorsTotal * Math.abs(Math.log(analog.floorsTotal / subject.floorsTotal));
  if (subject.floor && subject.floor > 0 && analog.floor && analog.floor > 0) {
    d += W.floor * Math.abs(Math.log(analog.floor / subject.floor));
  }
  if (subject.walkMinutes != null && analog.metroMinutes != null) {
    d += (W.minutes * Math.abs(subject.walkMinutes - analog.metroMinutes)) / 10;
  }
  if (subject.metroKey && analog.metroKey && analog.metroKey !== subject.metroKey) d += W.otherStation;
  return d;
}

// A row of cian_moscow_rent_flats_2025_sample.csv → a long-term rent listing (price = rent per month).
import {
  checkListing,
  mapWith,
  optionalInt,
  optionalNumber,
  optionalText,
  requiredNumber,
  RowError,
  type ListingRow,
  type MapResult,
} from "./listing-row.js";

export const CIAN_RENT_COLUMNS = ["offer_id", "rent_rub_month", "total_area_m2", "rooms"] as const;

// A brisk walk; only used to turn the geocoded distance to the metro into minutes.
const WALK_M_PER_MIN = 80;

export function mapCianRentRow(record: Record<string, string>): MapResult<ListingRow> {
  return mapWith(() => {
    const offerId = optionalText(record.offer_id);
    if (!offerId || !/^\d+$/u.test(offerId)) throw new RowError(`offer_id: invalid (${record.offer_id ?? ""})`);
    const suspect = record.geocode_suspect === "True";
    const metro = optionalText(record.metro_station_cian);
    const geocodedMetro = optionalText(record.nearest_metro_geocoded);
    const distance = optionalNumber(record.nearest_metro_distance_m_geocoded, "nearest_metro_distance_m_geocoded");
    // the geocoded distance only describes CIAN's station when both name the same one
    const minutes =
      !suspect && distance !== null && geocodedMetro === metro ? Math.round(distance / WALK_M_PER_MIN) : null;
    const street = optionalText(record.street);
    const house = optionalText(record.house_number);
    return checkListing({
      id: `cian:${offerId}`,
      source: "cian",
      dealType: "rent",
      propertyType: "flat",
      price: requiredNumber(record.rent_rub_month, "rent_rub_month"),
      totalArea: requiredNumber(record.total_area_m2, "total_area_m2"),
      livingArea: null,
      kitchenArea: null,
      rooms: optionalInt(record.rooms, "rooms"),
      floor: optionalInt(record.floor, "floor"),
      floorsTotal: optionalInt(record.floors_total, "floors_total"),
      yearBuilt: null,
      buildingType: null,
      market: null,
      housingClass: null,
      renovation: null,
      balcony: null,
      isApartments: null,
      address: [street, house].filter(Boolean).join(", ") || null,
      district: optionalText(record.district),
      okrug: null,
      lat: suspect ? null : optionalNumber(record.lat, "lat"),
      lon: suspect ? null : optionalNumber(record.lon, "lon"),
      metro: metro ?? geocodedMetro,
      metroMinutes: minutes,
      metroMode: minutes === null ? null : "walk",
      photos: [],
      url: optionalText(record.url),
    });
  });
}

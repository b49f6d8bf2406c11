// A row of cian_moscow_sale_flats_2023.csv → a sale listing.
import {
  checkListing,
  mapWith,
  optionalBool,
  optionalInt,
  optionalNumber,
  optionalText,
  requiredNumber,
  RowError,
  type ListingRow,
  type MapResult,
} from "./listing-row.js";

export const CIAN_SALE_COLUMNS = ["offer_id", "price_rub", "total_area_m2", "rooms", "metro_station"] as const;

export function mapCianSaleRow(record: Record<string, string>): MapResult<ListingRow> {
  return mapWith(() => {
    const offerId = optionalText(record.offer_id);
    if (!offerId || !/^\d+$/u.test(offerId)) throw new RowError(`offer_id: invalid (${record.offer_id ?? ""})`);
    const street = optionalText(record.street);
    const house = optionalText(record.house_number);
    const market = optionalText(record.market);
    const mode = optionalText(record.metro_mode);
    return checkListing({
      id: `cian:${offerId}`,
      source: "cian",
      dealType: "sale",
      propertyType: "flat",
      price: requiredNumber(record.price_rub, "price_rub"),
      totalArea: requiredNumber(record.total_area_m2, "total_area_m2"),
      livingArea: optionalNumber(record.living_area_m2, "living_area_m2"),
      kitchenArea: optionalNumber(record.kitchen_area_m2, "kitchen_area_m2"),
      rooms: optionalInt(record.rooms, "rooms"),
      floor: optionalInt(record.floor, "floor"),
      floorsTotal: optionalInt(record.floors_total, "floors_total"),
      yearBuilt: optionalInt(record.year_built, "year_built"),
      buildingType: optionalText(record.building_type),
      market: market === "new_building" || market === "secondary" ? market : null,
      housingClass: optionalText(record.housing_class),
      renovation: null,
      balcony: null,
      isApartments: optionalBool(record.is_apartments),
      address: [street, house].filter(Boolean).join(", ") || null,
      district: optionalText(record.district),
      okrug: optionalText(record.admin_okrug),
      lat: null,
      lon: null,
      metro: optionalText(record.metro_station),
      metroMinutes: optionalNumber(record.metro_minutes, "metro_minutes"),
      metroMode: mode === "walk" || mode === "transport" ? mode : null,
      photos: [],
      url: optionalText(record.url),
    });
  });
}

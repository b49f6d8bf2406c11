// A document of the old WeWall MongoDB collection `estates` → a listing; field names vary across the bot's versions.
import {
  checkListing,
  mapWith,
  optionalInt,
  optionalNumber,
  RowError,
  type ListingRow,
  type MapResult,
} from "../listing-row.js";
import { bool, field, idOf, num, text, type MongoDocument } from "./document-fields.js";

const DEAL: Record<string, "sale" | "rent"> = { sale: "sale", продажа: "sale", rent: "rent", аренда: "rent" };
const PROPERTY: Record<string, "flat" | "office" | "retail"> = {
  flat: "flat",
  квартира: "flat",
  apartment: "flat",
  office: "office",
  офис: "office",
  retail: "retail",
  торговое: "retail",
  "торговое помещение": "retail",
};
const RENOVATION: Record<string, "none" | "municipal" | "modern"> = {
  none: "none",
  "без отделки": "none",
  municipal: "municipal",
  муниципальный: "municipal",
  косметический: "municipal",
  modern: "modern",
  современный: "modern",
  евро: "modern",
  дизайнерский: "modern",
};

export function mapEstateDocument(doc: MongoDocument): MapResult<ListingRow> {
  return mapWith(() => {
    const id = idOf(doc);
    const dealRaw = text(field(doc, "deal_type", "dealType", "deal"))?.toLowerCase() ?? "sale";
    const dealType = DEAL[dealRaw];
    if (!dealType) throw new RowError(`deal_type: unknown (${dealRaw})`);
    const typeRaw = text(field(doc, "estate_type", "property_type", "type"))?.toLowerCase() ?? "flat";
    const propertyType = PROPERTY[typeRaw];
    if (!propertyType) throw new RowError(`estate_type: unknown (${typeRaw})`);
    const price = num(field(doc, "price", "cost"), "price");
    const area = num(field(doc, "square", "area", "total_area"), "square");
    if (price === null) throw new RowError("price: missing");
    if (area === null) throw new RowError("square: missing");
    const rooms = field(doc, "rooms", "rooms_count");
    const subway = field(doc, "subway", "metro");
    const subwayDoc = isDocument(subway) ? subway : null;
    const way = text(subwayDoc ? field(subwayDoc, "way", "mode") : field(doc, "way_to_subway"))?.toLowerCase();
    const [lat, lon] = coordinates(doc);
    const renovation = text(field(doc, "renovation", "repair"))?.toLowerCase();
    const isNew = field(doc, "is_new", "new_building");
    const market = text(field(doc, "market"));
    return checkListing({
      id: `mongo:${id}`,
      source: "mongo",
      dealType,
      propertyType,
      price,
      totalArea: area,
      livingArea: num(field(doc, "living_square", "living_area"), "living_square"),
      kitchenArea: num(field(doc, "kitchen_square", "kitchen_area"), "kitchen_square"),
      rooms: text(rooms)?.toLowerCase() === "студия" ? 0 : optionalInt(numeric(rooms), "rooms"),
      floor: optionalInt(numeric(field(doc, "floor")), "floor"),
      floorsTotal: optionalInt(numeric(field(doc, "floors", "floors_total", "floors_count")), "floors"),
      yearBuilt: optionalInt(numeric(field(doc, "year", "year_built")), "year"),
      buildingType: text(field(doc, "house_type", "building_type")),
      market:
        market === "new_building" || market === "secondary"
          ? market
          : typeof isNew === "boolean"
            ? isNew
              ? "new_building"
              : "secondary"
            : null,
      housingClass: text(field(doc, "class", "housing_class")),
      renovation: renovation ? (RENOVATION[renovation] ?? null) : null,
      balcony: bool(field(doc, "balcony", "has_balcony")),
      isApartments: bool(field(doc, "is_apartments")),
      address: text(field(doc, "address")),
      district: text(field(doc, "district")),
      okrug: text(field(doc, "okrug", "adm_area")),
      lat,
      lon,
      metro: text(subwayDoc ? field(subwayDoc, "name", "station") : subway),
      metroMinutes: num(
        subwayDoc ? field(subwayDoc, "minutes", "time") : field(doc, "metro_time", "subway_minutes"),
        "subway.minutes",
      ),
      metroMode:
        way === "walk" || way === "пешком" ? "walk" : way === "transport" || way === "транспорт" ? "transport" : null,
      photos: photos(field(doc, "photos", "images")),
      url: text(field(doc, "url", "link")),
    });
  });
}

function isDocument(value: unknown): value is MongoDocument {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function numeric(value: unknown): string | number | null {
  return typeof value === "number" || typeof value === "string" ? value : null;
}

// GeoJSON { type: "Point", coordinates: [lon, lat] } as a 2dsphere index wants it, or plain lat/lon fields.
function coordinates(doc: MongoDocument): [number | null, number | null] {
  const location = field(doc, "location", "geo");
  if (isDocument(location) && Array.isArray(location.coordinates)) {
    const [lon, lat] = location.coordinates;
    return [optionalNumber(numeric(lat), "location.lat"), optionalNumber(numeric(lon), "location.lon")];
  }
  return [num(field(doc, "lat", "latitude"), "lat"), num(field(doc, "lon", "lng", "longitude"), "lon")];
}

function photos(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (typeof item === "string") return [item];
    if (isDocument(item) && typeof item.url === "string") return [item.url];
    return [];
  });
}

// The API's fixed values (a place's kind, an agency's level, a target's kind …) in the
// page's language: the page never shows a raw enum value or a slug.
import { lang } from "./i18n";
import { FINISH_ENUMS } from "./words/finish";

/** `value` of the property `field` ("Agency.level", "Place.kind" …) as a reader says it;
 * a value the page has no word for yet stays as given. */
export function shown(field: string, value: string | null | undefined): string {
  if (!value) return "";
  const words = FINISH_ENUMS[field]?.[value];
  return words ? words[lang() === "en" ? 1 : 0] : value;
}

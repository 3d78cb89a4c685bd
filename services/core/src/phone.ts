import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { InvalidPhoneNumberError } from './errors';

/**
 * Normalizes a phone number to E.164 (`+34600000000`). National numbers and `00` international
 * prefixes are read in `defaultRegion`, so `+34 600 00 00 00` and `0034600000000` are one number.
 */
export function normalizePhone(input: string, defaultRegion: CountryCode = 'ES'): string {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultRegion);
  if (!parsed || !parsed.isValid()) throw new InvalidPhoneNumberError(input);
  return parsed.number;
}

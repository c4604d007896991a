import { parseAsString } from 'nuqs/server';

/** The live tail's filters, in the URL: exact event name, account id and user id. */
export const eventFilterParams = {
  name: parseAsString.withDefault(''),
  account: parseAsString.withDefault(''),
  user: parseAsString.withDefault(''),
};

import { parseAsString } from 'nuqs/server';

/** The delivery log's filters, in the URL: status, trigger (event key) and since (datetime-local). */
export const deliveryFilterParams = {
  status: parseAsString.withDefault(''),
  trigger: parseAsString.withDefault(''),
  since: parseAsString.withDefault(''),
};

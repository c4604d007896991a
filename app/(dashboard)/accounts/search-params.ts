import { parseAsInteger, parseAsString } from 'nuqs/server';

export const accountsSearchParams = { q: parseAsString.withDefault(''), page: parseAsInteger.withDefault(1) };

import { z } from 'zod';

// Every id of ours is a uuid made by the database (gen_random_uuid). One given in a path, a query
// or a body is checked before it is looked up: a value that is none names nothing (404, or the
// field's message), rather than failing the database's cast (22P02: a 500).

/** A uuid field; `error` is what it says of any other value ("expected a connection id"). */
export function uuidField(error?: string) {
  return z.uuid(error === undefined ? undefined : { error });
}

const anyUuid = uuidField();

/** Whether a value can be the id of a row. */
export function isUuid(value: unknown): value is string {
  return anyUuid.safeParse(value).success;
}

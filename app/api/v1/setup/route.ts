import { assertSetupOpen, createFirstOwner } from '@/lib/admins/create-first-owner';
import { setupOwnerInput } from '@/lib/admins/schemas';
import { getDb } from '@/lib/db/client';
import { errorResponse } from '@/lib/http/error-response';
import { parseJsonBody } from '@/lib/http/parse-body';
import { assertSameOriginJson } from '@/lib/http/same-origin';

/**
 * First run only: creates the owner while nobody exists; afterwards answers 409. Anonymous, so
 * everything that can be checked without the body is checked before it is read.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOriginJson(request);
    const db = await getDb();
    await assertSetupOpen(db);
    const input = await parseJsonBody(request, setupOwnerInput);
    return Response.json({ admin: await createFirstOwner(db, input) }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

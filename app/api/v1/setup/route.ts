import { createFirstOwner } from '@/lib/admins/create-first-owner';
import { setupOwnerInput } from '@/lib/admins/schemas';
import { getDb } from '@/lib/db/client';
import { errorResponse } from '@/lib/http/error-response';
import { parseJsonBody } from '@/lib/http/parse-body';

/** First run only: creates the owner while nobody exists; afterwards answers 409. */
export async function POST(request: Request): Promise<Response> {
  try {
    const input = await parseJsonBody(request, setupOwnerInput);
    const owner = await createFirstOwner(await getDb(), input);
    return Response.json({ admin: owner }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

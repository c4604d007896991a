import { environmentRoute } from '@/lib/api/management-route';
import { parseAllowList } from '@/lib/delivery/address-guard';
import { testSendInput } from '@/lib/delivery/connections/schemas';
import { payloadFor } from '@/lib/delivery/payload';
import { testSend } from '@/lib/delivery/test-send';
import { getEnv } from '@/lib/env';
import { exampleEvent } from '@/lib/events/example-event';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { slug: string; id: string };

/** Sends the example payload of a trigger now and answers with what the receiver said. */
export const POST = environmentRoute<Params>('admin', async ({ request, params, db, environment }) => {
  const { eventKey } = await parseJsonBody(request, testSendInput);
  const payload = payloadFor(await exampleEvent(db, environment.id, eventKey), environment.slug);
  const result = await testSend(db, {
    environmentId: environment.id,
    connectionId: params.id,
    payload,
    allow: parseAllowList(getEnv().DELIVERY_ALLOW_CIDRS),
  });
  return Response.json(result);
});

import { describe, expect, it } from 'vitest';

import { emailMessage } from './email-message';
import type { DeliveryPayload } from './payload';
import { slackMessages } from './slack-message';

// Whoever holds a write key chooses every event name, property, account and user id, and can
// send "signal.*" and "cohort.*" events too: none of it may become a Slack mention or link, an
// HTML tag, or a second mail header.

const ORIGIN = 'https://signals.example.com';
const COHORT = '0b9f6c1e-3f57-4a53-9d7e-2f4f0c8d1a2b';
const CURSOR = 'WyIyMDI2LTExLTIwVDA5OjAwOjAwLjAwMFoiLCIiLCIiXQ';
const OWN_LINK = `${ORIGIN}/api/v1/cohorts/${COHORT}/changes?since=${CURSOR}`;

const MENTION = '<!channel>';
const LINK = '<http://evil.example|Review now>';
const TAG = '"><img src=x onerror=alert(1)>';

const base = (eventKey: string, data: Record<string, unknown>): DeliveryPayload => ({
  type: eventKey,
  timestamp: '<!here>',
  environment: '<!everyone>',
  eventKey,
  eventContext: { tenantId: MENTION, userId: LINK },
  data,
});

const hostile: Record<string, DeliveryPayload> = {
  signal: base('signal.riskForAbandonment', {
    reason: `${LINK}\n*Reset your password*`,
    current: MENTION,
    previous: { nested: LINK },
    changePct: '<http://evil.example>',
    windowDays: ['<@U024BE7LH>'],
  }),
  'other event': base(`order.${MENTION}`, { [MENTION]: LINK, '<#C024BE7LR|general>': { deep: TAG } }),
  cohort: base('cohort.membersChanged', {
    cohortId: COHORT,
    cohortName: MENTION,
    added: [{ id: LINK, traits: { [MENTION]: LINK, email: '<mailto:x@evil.example|ceo@acme.example>' } }, MENTION],
    addedCount: LINK,
    removed: [{ id: TAG }],
    removedCount: { n: MENTION },
    moreUrl: `http://evil.example/api/v1/cohorts/${COHORT}/changes?since=${CURSOR}`,
  }),
  'cohort without a name': base('cohort.membersAdded', { cohortId: LINK, added: LINK, moreUrl: LINK }),
};

/** Every <…> sequence Slack would read as a mention or a link. */
const controlSequences = (json: string) => json.match(/<[^<>]*>?/g) ?? [];

describe('a Slack message', () => {
  for (const [name, payload] of Object.entries(hostile)) {
    it(`carries no mention or link from the data (${name})`, () => {
      const json = JSON.stringify(slackMessages(payload, ORIGIN));
      expect(json).not.toMatch(/[<>]/);
      expect(json).toContain('&lt;!channel&gt;');
    });
  }

  it('links to the changes API on the app’s own origin only, whatever moreUrl says', () => {
    const withMoreUrl = (moreUrl: unknown) =>
      JSON.stringify(slackMessages({ ...hostile.cohort, data: { ...hostile.cohort?.data, moreUrl } } as DeliveryPayload, ORIGIN));
    const linked = withMoreUrl(OWN_LINK);
    expect(controlSequences(linked)).toEqual([`<${OWN_LINK}|See every change>`]);
    expect(linked.replace(`<${OWN_LINK}|See every change>`, '')).not.toMatch(/[<>]/);
    for (const moreUrl of [
      `http://evil.example/api/v1/cohorts/${COHORT}/changes?since=${CURSOR}`,
      `${ORIGIN}.evil.example/api/v1/cohorts/${COHORT}/changes?since=${CURSOR}`,
      `${ORIGIN}@evil.example/api/v1/cohorts/${COHORT}/changes?since=${CURSOR}`,
      `${ORIGIN}/api/v1/cohorts/${COHORT}/changes?since=${CURSOR}|Review now`,
      `${ORIGIN}/api/v1/cohorts/${COHORT}/changes?since=x&next=http://evil.example`,
      `${ORIGIN}/api/v1/cohorts/11111111-1111-4111-8111-111111111111/changes?since=${CURSOR}`,
      `${ORIGIN}/logout`,
      42,
    ]) {
      expect(withMoreUrl(moreUrl), String(moreUrl)).not.toMatch(/[<>]/);
    }
  });

  it('keeps the message text (notifications) and the header free of control characters too', () => {
    for (const message of slackMessages(hostile.signal as DeliveryPayload, ORIGIN)) {
      expect(message.text).toBe(
        'signal.riskForAbandonment for account &lt;!channel&gt;, user &lt;http://evil.example|Review now&gt; in &lt;!everyone&gt; — &lt;http://evil.example|Review now&gt; *Reset your password*',
      );
      expect(message).toMatchObject({ unfurl_links: false, unfurl_media: false });
    }
    const [cohort] = slackMessages(hostile.cohort as DeliveryPayload, ORIGIN);
    expect(cohort?.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Cohort &lt;!channel&gt;' } });
  });
});

describe('an email message', () => {
  /** The HTML without the tags the message itself is made of. */
  const withoutOwnTags = (html: string) => html.replace(/<\/?(p|table|tr|th|td)( style="[^"<>]*")?>/g, '');

  for (const [name, payload] of Object.entries(hostile)) {
    it(`escapes every value in the HTML and keeps the subject to one line (${name})`, () => {
      const message = emailMessage(payload, ORIGIN);
      expect(withoutOwnTags(message.html)).not.toMatch(/[<>"]/);
      expect(message.subject).not.toMatch(/[\r\n]/);
      expect(message.text + message.html).not.toContain('http://evil.example/api');
    });
  }

  it('shows the changes API link only when it is the app’s own', () => {
    const own = emailMessage(
      { ...hostile.cohort, data: { ...hostile.cohort?.data, moreUrl: OWN_LINK } } as DeliveryPayload,
      ORIGIN,
    );
    expect(own.text).toContain(`Every change: ${OWN_LINK}`);
    expect(emailMessage(hostile.cohort as DeliveryPayload, ORIGIN).text).not.toContain('Every change');
  });

  it('keeps a subject that data tries to break into headers on one line', () => {
    const message = emailMessage(
      base('signal.engagementLevel', { reason: 'up\r\nBcc: everyone@evil.example\u2028X-Evil: 1' }),
      ORIGIN,
    );
    expect(message.subject).toMatch(/— up Bcc: everyone@evil\.example X-Evil: 1$/);
  });
});

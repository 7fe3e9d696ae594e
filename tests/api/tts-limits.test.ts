// Text-to-speech is limited per user: over the allowance (RELAIS_TTS_BURST, default 20 at once)
// the answer is 429 TOO_MANY_REQUESTS with Retry-After; another user is not affected.
import { beforeAll, describe, expect, it } from 'vitest';
import { testPrisma } from '../support/context';
import { createOrganizationWithUsers } from '../support/factories';
import { api, signIn, type ApiResponse } from '../support/http';

let first: ReturnType<typeof api>;
let second: ReturnType<typeof api>;

beforeAll(async () => {
  const org = await createOrganizationWithUsers(testPrisma(), 'TTS limits');
  first = api(await signIn(org.agent));
  second = api(await signIn(org.supervisor));
});

describe('text-to-speech limits', () => {
  it('answers 429 with Retry-After once a user has used up their allowance', async () => {
    const path = `/api/tts?voice=fr&text=${encodeURIComponent(`Limite ${Date.now() % 100000}`)}`;
    const statuses: number[] = [];
    let limited: ApiResponse<{ error: { code: string } }> | undefined;
    // Same text each time: one synthesis, then cache hits; the allowance counts requests.
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await first.get(path);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(200));
    expect(limited?.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another user still listens.
    expect((await second.get(path)).status).toBe(200);
  });
});

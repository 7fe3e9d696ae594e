// The agents page's presence and phones (issue 16): the effective status from the row and from
// an `agent.status` event, the phones of an `agent.registrations` event, and a phone's address.
import { describe, expect, it } from 'vitest';
import { phoneAddress, presenceFromEvent, presenceOf, registrationsFromEvent } from '@/app/(admin)/agents/presence';

describe('agents page presence', () => {
  it('puts the runtime activity first, then a lock, then the agent’s choice', () => {
    const lock = { status: 'paused', byUserName: 'Sophie', pauseReason: 'Formation' };
    expect(presenceOf({ status: 'available', activity: 'in_call', pauseReason: null, lock })).toMatchObject({ status: 'in_call', lock });
    expect(presenceOf({ status: 'available', activity: null, pauseReason: null, lock })).toEqual({ status: 'paused', pauseReason: 'Formation', lock });
    expect(presenceOf({ status: 'paused', activity: null, pauseReason: 'Déjeuner', lock: null })).toEqual({ status: 'paused', pauseReason: 'Déjeuner', lock: null });
    expect(presenceOf({ status: 'available', activity: 'something-else', pauseReason: 'Déjeuner', lock: null })).toEqual({ status: 'available', pauseReason: null, lock: null });
  });

  it('reads an agent.status event and ignores what it cannot read', () => {
    expect(presenceFromEvent({ status: 'offline', pauseReason: null, lock: { status: 'offline', byUserName: 'Sophie', pauseReason: null } })).toEqual({
      status: 'offline', pauseReason: null, lock: { status: 'offline', byUserName: 'Sophie', pauseReason: null },
    });
    expect(presenceFromEvent({ status: 'paused', pauseReason: { id: 'r', label: 'Pause café' }, lock: null })).toEqual({ status: 'paused', pauseReason: 'Pause café', lock: null });
    expect(presenceFromEvent(null)).toBeNull();
    expect(presenceFromEvent({ status: 3 })).toBeNull();
  });

  it('reads an agent.registrations event, dropping malformed bindings', () => {
    const phone = { contact: 'sip:lea@10.0.0.5:5062', userAgent: 'Yealink', source: 'udp:203.0.113.7:40000', expiresAt: '2026-12-07T10:00:00.000Z' };
    expect(registrationsFromEvent({ agentId: 'a1', registrations: [phone, { contact: 5 }] })).toEqual({ agentId: 'a1', registrations: [phone] });
    expect(registrationsFromEvent({ agentId: 'a1' })).toBeNull();
  });

  it('shows where the REGISTER came from, else the Contact’s host', () => {
    expect(phoneAddress({ contact: 'sip:lea@10.0.0.5:5062', userAgent: null, source: 'udp:203.0.113.7:40000', expiresAt: '' })).toBe('203.0.113.7:40000');
    expect(phoneAddress({ contact: 'sip:lea@10.0.0.5:5062;transport=tcp', userAgent: null, source: null, expiresAt: '' })).toBe('10.0.0.5:5062');
    expect(phoneAddress({ contact: 'sip:lea@[2001:db8::1]:5060', userAgent: null, source: 'tcp:[2001:db8::1]:5060', expiresAt: '' })).toBe('[2001:db8::1]:5060');
  });
});

// New passwords are judged by zxcvbn-ts with the common, French and English lists.
import { describe, expect, it } from 'vitest';
import { assertStrongPassword, checkPasswordStrength } from '@/app/lib/auth/password-strength';

describe('checkPasswordStrength', () => {
  it('refuses short, common, personal and guessable passwords with the reason', async () => {
    expect(await checkPasswordStrength('password')).toMatchObject({ ok: false, reason: 'tooShort' });
    expect(await checkPasswordStrength('motdepasse123')).toMatchObject({ ok: false, reason: 'common' });
    expect(await checkPasswordStrength('Password1234!')).toMatchObject({ ok: false, reason: 'common' });
    expect(await checkPasswordStrength('Nina Roux 2026', ['nina.roux@example.test', 'Nina Roux'])).toMatchObject({ ok: false, reason: 'personal' });
    expect(await checkPasswordStrength('azertyuiop')).toMatchObject({ ok: false });
    expect(await checkPasswordStrength('x'.repeat(129))).toMatchObject({ ok: false, reason: 'tooLong' });
  });

  it('accepts a long passphrase', async () => {
    expect(await checkPasswordStrength('gorille-tabouret-piano-42')).toMatchObject({ ok: true });
  });

  it('throws a 400 naming the field', async () => {
    await expect(assertStrongPassword('motdepasse123', '/password')).rejects.toMatchObject({
      status: 400,
      path: '/password',
      problems: [{ code: 'password.common', path: '/password' }],
    });
  });
});

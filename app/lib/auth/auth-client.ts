'use client';
// Browser client for the sign-in page and the sign-out button:
//   await authClient.signIn.email({ email, password })  → { data, error }
//   await authClient.signOut()
// Same origin as the app, so no baseURL is needed.
import { createAuthClient } from 'better-auth/react';

export const authClient = createAuthClient();
export const { signIn, signOut, useSession } = authClient;

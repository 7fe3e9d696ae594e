// Built-in sentences the runtime says when the flow gives no prompt of its own.
import type { Language } from '@/schemas';

export const PHRASES = {
  invalidChoice: { fr: 'Choix non valide.', en: 'Invalid choice.' },
  invalidInput: { fr: 'Saisie non valide.', en: 'Invalid entry.' },
  typeNumber: { fr: 'Tapez le numéro auquel vous rappeler, suivi de dièse.', en: 'Type the number to call you back on, followed by hash.' },
  confirmNumber: { fr: 'Nous vous rappellerons au', en: 'We will call you back on' },
  confirmKeys: { fr: 'Tapez 1 pour confirmer, 2 pour saisir un autre numéro.', en: 'Press 1 to confirm, 2 to type another number.' },
  callbackRegistered: { fr: 'Votre demande de rappel est enregistrée.', en: 'Your callback request is registered.' },
  transferVoicemail: { fr: "Personne n'est disponible. Laissez votre message après le bip.", en: 'Nobody is available. Please leave your message after the beep.' },
  voicemailThanks: { fr: 'Merci, votre message a été enregistré. Au revoir.', en: 'Thank you, your message has been recorded. Goodbye.' },
  loopGuard: { fr: 'Nous ne pouvons pas traiter votre appel pour le moment. Au revoir.', en: 'We cannot handle your call at the moment. Goodbye.' },
  internalError: { fr: 'Une erreur est survenue. Merci de rappeler plus tard. Au revoir.', en: 'An error occurred. Please call again later. Goodbye.' },
} satisfies Record<string, Record<Language, string>>;

export function queuePositionPhrase(position: number, language: Language): string {
  if (language === 'en') return position === 1 ? 'You are next in line.' : `You are number ${position} in the queue.`;
  return position === 1 ? 'Vous êtes le prochain appel en attente.' : `Vous êtes le ${position}e appel en attente.`;
}

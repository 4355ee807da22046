import type { Processor } from './types.js';

export interface UserSignedUp {
  userId: string;
  email: string;
  displayName?: string;
  locale?: string;
  marketingOptIn?: boolean;
}

const WELCOME_LANGUAGES = new Set(['en', 'de', 'fr', 'es']);

/** Logs keep enough of an address to debug with, not the address itself. */
export const maskEmail = (email: string) => email.replace(/^(.)[^@]*/, '$1***');

/** Queues a welcome email in the user's language (English when we have no template for it). */
export const userSignedUp: Processor<UserSignedUp> = async (user) => {
  const language = (user.locale ?? 'en').slice(0, 2);
  return {
    action: 'welcome-email-queued',
    userId: user.userId,
    to: maskEmail(user.email),
    template: `welcome-${WELCOME_LANGUAGES.has(language) ? language : 'en'}`,
    newsletter: user.marketingOptIn ?? false,
  };
};

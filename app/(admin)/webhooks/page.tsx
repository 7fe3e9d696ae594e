// Webhooks (admins): the organisation's URLs told of call events, with their delivery counts;
// create/edit in a dialog, the signing secret shown once, and how receivers check signatures.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { listWebhooks } from '@/app/lib/webhooks/list-webhooks';
import { requireSection } from '../require-section';
import { WebhooksList } from './webhooks-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('webhooks'))('title') };
}

export default async function WebhooksPage() {
  const { user, editable } = await requireSection('webhooks');
  const webhooks = await listWebhooks(user);
  return (
    <WebhooksList
      editable={editable}
      webhooks={webhooks.map((w) => ({ ...w, createdAt: w.createdAt.toISOString(), updatedAt: w.updatedAt.toISOString() }))}
    />
  );
}

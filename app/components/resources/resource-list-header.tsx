// The title of a resource list with its "New …" action, offered only to those who may edit:
// a link when creating has its own page, a button when it opens a dialog.
import Link from 'next/link';
import { PageHeader } from '@/app/components/page-header';

export type ResourceListHeaderProps = {
  title: string;
  intro: string;
  editable: boolean;
  createLabel: string;
} & ({ createHref: string; onCreate?: never } | { onCreate: () => void; createHref?: never });

export function ResourceListHeader({ title, intro, editable, createLabel, createHref, onCreate }: ResourceListHeaderProps) {
  const create = createHref ? (
    <Link href={createHref} className="button primary">
      {createLabel}
    </Link>
  ) : (
    <button type="button" className="button primary" onClick={onCreate}>
      {createLabel}
    </button>
  );
  return <PageHeader title={title} intro={intro} actions={editable && create} />;
}

// Which column of an imported file is which field. Header names in French or English, any
// case, accents optional ("Société", "societe", "Company"):
//   name: nom, name, nom complet, full name, contact — with prénom / first name, the name is
//         "prénom nom";
//   company: société, entreprise, organisation, company, organization;
//   email: email, e-mail, courriel, mail;   notes: notes, note, commentaire(s), remarques, comments;
//   numbers: numéro, number, téléphone, tél, phone, telephone — optionally followed by 1..20
//         ("numéro 2"); their label in "libellé N" / "label N"; or a column named after the kind of
//         number (mobile, portable, fixe, bureau, domicile, standard, work, home, office, fax),
//         whose name becomes the label.
// The export writes "nom;société;email;notes;numéro 1;libellé 1;…", which imports back as is.

export type ContactField = 'name' | 'firstName' | 'company' | 'email' | 'notes';

export interface ColumnMap {
  fields: Partial<Record<ContactField, number>>;
  /** Number columns in file order: the column index, its label column or fixed label. */
  numbers: { column: number; labelColumn?: number; label?: string }[];
  ignored: string[];
}

/** Lower case, accents and punctuation out: "N° de Téléphone" → "n de telephone". */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const FIELDS: Record<string, ContactField> = {
  nom: 'name', name: 'name', 'nom complet': 'name', 'full name': 'name', contact: 'name', 'nom du contact': 'name', 'last name': 'name',
  prenom: 'firstName', 'first name': 'firstName',
  societe: 'company', entreprise: 'company', organisation: 'company', company: 'company', organization: 'company', 'raison sociale': 'company',
  email: 'email', 'e mail': 'email', courriel: 'email', mail: 'email', 'adresse email': 'email', 'adresse e mail': 'email',
  notes: 'notes', note: 'notes', commentaire: 'notes', commentaires: 'notes', remarques: 'notes', comments: 'notes', comment: 'notes',
};
const NUMBER = /^(?:numero|number|telephone|tel|phone|n|no|num)(?: de telephone)?(?: ([1-9]|1[0-9]|20))?$/;
const LABEL = /^(?:libelle|label|type)(?: ([1-9]|1[0-9]|20))?$/;
const KINDS = new Set(['mobile', 'portable', 'fixe', 'bureau', 'domicile', 'standard', 'work', 'home', 'office', 'fax', 'cell', 'mobile phone', 'work phone', 'home phone']);

export function mapColumns(headers: string[]): ColumnMap {
  const map: ColumnMap = { fields: {}, numbers: [], ignored: [] };
  const numbered = new Map<number, number>(); // N → column of "numéro N"
  const labels = new Map<number, number>(); // N → column of "libellé N"
  let nextIndex = 1;
  headers.forEach((raw, column) => {
    const h = normalizeHeader(raw);
    const field = FIELDS[h];
    let m: RegExpExecArray | null;
    if (field && map.fields[field] === undefined) map.fields[field] = column;
    else if ((m = NUMBER.exec(h))) {
      const n = m[1] ? Number(m[1]) : nextIndex;
      numbered.set(n, column);
      nextIndex = Math.max(nextIndex, n) + 1;
    } else if ((m = LABEL.exec(h))) labels.set(m[1] ? Number(m[1]) : 1, column);
    else if (KINDS.has(h)) map.numbers.push({ column, label: raw.trim() });
    else if (h !== '') map.ignored.push(raw.trim());
  });
  const generic = [...numbered.entries()].sort((a, b) => a[0] - b[0]).map(([n, column]) => ({ column, labelColumn: labels.get(n) }));
  map.numbers = [...generic, ...map.numbers].sort((a, b) => a.column - b.column);
  return map;
}

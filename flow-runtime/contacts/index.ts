export { contactCanonical, numberSearch } from './contact-number';
export { findContactByNumber, type ContactMatch } from './find-contact-by-number';

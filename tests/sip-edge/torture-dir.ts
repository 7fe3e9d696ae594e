// The RFC 4475 torture messages live in the shared folder beside the repository
// (../shared/sip-torture/rfc4475), wherever the repository is checked out.
import path from 'node:path';

export const TORTURE_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'sip-torture', 'rfc4475');

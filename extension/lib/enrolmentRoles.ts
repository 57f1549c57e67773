/**
 * An enrolment stored before one person could hold two roles has only `role`: their one role is all they hold.
 * Both readers of the stored enrolment use this — the storage item's migration (lib/enrolment.ts) and the side
 * panel's first read, which reads extension storage directly and can run before that migration has written back.
 */
import type { Enrolment } from './enrolment';

export type StoredEnrolment = Omit<Enrolment, 'roles' | 'chiefOf'> & Partial<Pick<Enrolment, 'roles' | 'chiefOf'>>;

/** The enrolment with every role it holds; fields already there stay (a value written without its version mark keeps them). */
export function withRoles(stored: StoredEnrolment): Enrolment {
  return { ...stored, roles: stored.roles ?? [stored.role], chiefOf: stored.chiefOf ?? [] };
}

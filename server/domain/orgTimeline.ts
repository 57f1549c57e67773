/*
 * The organisation as it was. A zone (with its chief and lead unit), unit (with its zone), grid cell, person
 * (with their unit and role) or duty (with its due time and owners) may carry versions in `org_history`, each in
 * effect from a Shanghai date (included) until another (excluded) or for good. A period is judged by the
 * organisation of its first day: a daily item by that date's, a weekly sweep by its Monday's, so a duty added on
 * a Wednesday is first due the next Monday and a due time moved mid-week leaves that week's sweep as it was.
 *
 * An entity with no versions at all is timeless: it is as the current tables say, on every date. That is what
 * every county imported before effective dates existed looks like, and what the demo seed writes.
 * Versions are written only through changeOrg (orgChanges.ts); the current tables hold each entity's latest
 * version, so ids stay referable and old records keep their names.
 */
import type { Duty, GridCell, Person, Unit, Zone } from '../../shared/schemas/org';

export interface OrgEntities {
  zone: Zone;
  unit: Unit;
  gridCell: GridCell;
  person: Person;
  duty: Duty;
}
export type OrgKind = keyof OrgEntities;
export const ORG_KINDS: readonly OrgKind[] = ['zone', 'unit', 'gridCell', 'person', 'duty'];

/** Since before any record: the `from` of a first version made from a timeless entity. */
export const SINCE_ALWAYS = '';

export interface Version<T> {
  /** The first date it is in effect (SINCE_ALWAYS: since before any record). */
  from: string;
  /** The first date it is no longer in effect, or null: still in effect. */
  to: string | null;
  data: T;
}

export class OrgTimeline {
  /** Versions by `kind:id`, oldest first. */
  private readonly byEntity = new Map<string, Version<unknown>[]>();

  constructor(rows: Iterable<{ kind: string; entityId: string; validFrom: string; validTo: string | null; data: unknown }>) {
    for (const r of rows) {
      const key = `${r.kind}:${r.entityId}`;
      const list = this.byEntity.get(key) ?? [];
      list.push({ from: r.validFrom, to: r.validTo, data: r.data });
      this.byEntity.set(key, list);
    }
    for (const list of this.byEntity.values()) list.sort((a, b) => (a.from < b.from ? -1 : 1));
  }

  /** Whether any entity has versions: without any, every date's organisation is the current one. */
  get isEmpty(): boolean {
    return this.byEntity.size === 0;
  }

  versionsOf<K extends OrgKind>(kind: K, id: string): Version<OrgEntities[K]>[] | undefined {
    return this.byEntity.get(`${kind}:${id}`) as Version<OrgEntities[K]>[] | undefined;
  }

  /**
   * The entity as it was on `date`: `current` for a timeless one, its version in effect that day, or undefined
   * when it was not in effect (not yet created, or already ended).
   */
  on<K extends OrgKind>(kind: K, current: OrgEntities[K] & { id: string }, date: string): OrgEntities[K] | undefined {
    const versions = this.versionsOf(kind, current.id);
    if (!versions) return current;
    return versions.find((v) => v.from <= date && (v.to === null || date < v.to))?.data;
  }

  /** Whether the entity is in effect now and later: timeless, or its last version has no end. */
  isCurrent(kind: OrgKind, id: string): boolean {
    const versions = this.versionsOf(kind, id);
    return !versions || versions[versions.length - 1].to === null;
  }
}

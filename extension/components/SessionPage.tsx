/**
 * The frame of an online page for an enrolled person (the dashboard, the inspect page): waits for the enrolment,
 * says how to enrol when there is none, and serves photos (fetched and cached by id) to everything inside.
 */
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { PanelDb } from '../lib/db';
import { PhotoSource, photoLoader } from './PhotoStrip';
import { NotEnrolledNotice } from './NotEnrolledNotice';
import { useSession, type Session } from './useSession';

interface Props {
  db: PanelDb;
  now(): number;
  children(session: Session): ComponentChildren;
}

export function SessionPage({ db, now, children }: Props) {
  const session = useSession();
  const loadPhoto = useMemo(() => (session ? photoLoader(db, session.enrolment, now) : undefined), [db, session, now]);
  if (session === undefined) return <p class="muted">正在加载…</p>;
  if (session === null || !loadPhoto) return <NotEnrolledNotice />;
  return <PhotoSource value={loadPhoto}>{children(session)}</PhotoSource>;
}

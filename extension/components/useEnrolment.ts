/** The enrolment in extension storage, kept current while the page is open (undefined while loading). */
import { useEffect, useState } from 'preact/hooks';
import { enrolmentItem, type Enrolment } from '../lib/enrolment';

/** `initial`: the enrolment already read by the page (the side panel's first read), so nothing flickers. */
export function useEnrolment(initial?: Enrolment | null): Enrolment | null | undefined {
  const [enrolment, setEnrolment] = useState<Enrolment | null | undefined>(initial);
  useEffect(() => {
    enrolmentItem.getValue().then(setEnrolment);
    return enrolmentItem.watch(setEnrolment);
  }, []);
  return enrolment;
}

/** A clock that re-renders every `everyMs`, so statuses such as 已超时 turn over while the panel stays open. */
export function useNow(now: () => number, everyMs = 30_000): number {
  const [value, setValue] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setValue(now()), everyMs);
    return () => clearInterval(timer);
  }, [now, everyMs]);
  return value;
}

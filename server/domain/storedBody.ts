/*
 * A stored event's kind and payload, parsed by its kind's schema when read back. What the ledger holds was checked
 * on the way in, but a corrupt or hand-edited database must be an error naming the row, never a payload passed on
 * as if it were of its kind.
 */
import { ledgerEventBody, type LedgerEventBody, type LedgerEventKind, type PayloadOf } from '../../shared/schemas/events';

export function storedBody(seq: number, kind: string, payload: unknown): LedgerEventBody {
  const body = ledgerEventBody.safeParse({ kind, payload });
  if (!body.success) throw new Error(`台账第${seq}条记录的内容与其类型（${kind}）不符，数据库可能已损坏（${body.error.issues[0]?.path.join('.') ?? ''}：${body.error.issues[0]?.message ?? ''}）`);
  return body.data;
}

/** The payload of a row read as one kind (`where kind = ?`), parsed by that kind's schema. */
export function storedPayload<K extends LedgerEventKind>(seq: number, kind: K, payload: unknown): PayloadOf<K> {
  // The parse succeeded for `kind`, so the body is of that kind; TypeScript cannot narrow a union by a type parameter.
  return storedBody(seq, kind, payload).payload as PayloadOf<K>;
}

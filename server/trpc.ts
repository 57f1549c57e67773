/*
 * The only place initTRPC is called. It defines the procedure builders, the permission check (the table is
 * shared/permissions.ts; each procedure built by `allowedTo` names its action in its meta), and the one error
 * formatter that decides what leaves the server: a Chinese message and, for bad input, each field's message;
 * never a stack.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { z, ZodError } from 'zod';
import { seen, type Context } from './context';
import { STORAGE_MESSAGES, storageFailureOf } from './storageFailure';
import { may, type Action } from '../shared/permissions';
import { rolesToday } from './domain/org';

const HAN = /[\u4e00-\u9fff]/;

/** The first zod issue, as a sentence a person can act on. */
export function describeZodError(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return '输入有误';
  const path = first.path.length ? `（${first.path.join('.')}）` : '';
  const message = HAN.test(first.message) ? first.message : '格式不正确';
  return `输入有误${path}：${message}`;
}

/** For errors tRPC raises itself (unparseable input, unknown path, wrong method): its English is not for people. */
const GENERIC_MESSAGES: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  PARSE_ERROR: '请求格式不正确：不是有效的 JSON',
  BAD_REQUEST: '请求格式不正确',
  NOT_FOUND: '接口不存在，请升级扩展后再试',
  METHOD_NOT_SUPPORTED: '请求方式不正确',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_MEDIA_TYPE: '请求格式不正确',
  TOO_MANY_REQUESTS: '请求过于频繁，请稍后再试',
};

/** `action`: the permission a procedure needs (tests/server/authz.test.ts reads it back to compare with the table). */
export interface Meta {
  action?: Action;
}

const t = initTRPC.context<Context>().meta<Meta>().create({
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const message = zod
      ? describeZodError(zod)
      : internal
        ? '服务器内部错误，请稍后再试'
        : HAN.test(shape.message)
          ? shape.message
          : (GENERIC_MESSAGES[error.code] ?? '请求未被接受');
    return {
      message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        // Each field's messages as a form would show them: zod's own English ones become a plain Chinese phrase.
        fieldErrors: zod ? z.flattenError(zod, (issue) => (HAN.test(issue.message) ? issue.message : '格式不正确')).fieldErrors : null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every procedure: a write refused by a full or read-only disk is a 503 that says so, not a fault. */
export const publicProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  const failure = result.ok ? null : storageFailureOf(result.error.cause);
  if (failure) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: STORAGE_MESSAGES[failure], cause: result.ok ? undefined : result.error.cause });
  return result;
});

/** Any enrolled, unrevoked device. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: '本设备未登记或已被注销，请在设置页重新登记' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** An enrolled device whose person may take `action` today in one of their roles (shared/permissions.ts). */
export function allowedTo(action: Action) {
  return authedProcedure.meta({ action }).use(({ ctx, next }) => {
    if (!may(rolesToday(ctx.db, ctx.actor.person, ctx.clock.now()), action)) throw new TRPCError({ code: 'FORBIDDEN', message: '您的角色无权进行此操作' });
    return next();
  });
}

/**
 * An enrolled device, with what the caller sees on the context: `org` (the county's organisation), `scope` (the
 * part of it the caller may see, shared/scope.ts) and `now` (the time of the call). Procedures read these instead
 * of working them out again.
 */
export const scopedProcedure = authedProcedure.use(({ ctx, next }) => next({ ctx: seen(ctx) }));

/** `allowedTo(action)` with the caller's organisation, scope and time on the context, as `scopedProcedure`. */
export function scopedTo(action: Action) {
  return allowedTo(action).use(({ ctx, next }) => next({ ctx: seen(ctx) }));
}

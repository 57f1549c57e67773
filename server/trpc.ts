/*
 * The only place initTRPC is called. It defines the procedure builders, the role check, and the one error
 * formatter that decides what leaves the server: a Chinese message and, for bad input, each field's message;
 * never a stack.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context';
import type { Role } from '../shared/roles';

/** The first zod issue, as a sentence a person can act on. */
export function describeZodError(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return '输入有误';
  const path = first.path.length ? `（${first.path.join('.')}）` : '';
  const message = /[\u4e00-\u9fff]/.test(first.message) ? first.message : '格式不正确';
  return `输入有误${path}：${message}`;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const zod = error.cause instanceof ZodError ? error.cause : null;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      message: zod ? describeZodError(zod) : internal ? '服务器内部错误，请稍后再试' : shape.message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors: zod ? z.flattenError(zod).fieldErrors : null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

/** Any enrolled, unrevoked device. */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: '本设备未登记或已被注销，请在设置页重新登记' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** An enrolled device whose person has one of `roles`. */
export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.actor.person.role)) throw new TRPCError({ code: 'FORBIDDEN', message: '您的角色无权进行此操作' });
    return next();
  });
}

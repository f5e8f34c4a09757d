import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { commandContext, type CommandContext } from '@glint/event-sourcing';
import { currentCorrelationId } from '@glint/runtime';
import { PRINCIPAL_KEY } from './access-guard';
import { actorOf, ANONYMOUS, type Principal } from './principal';

function principalOf(context: ExecutionContext): Principal {
  const request = context.switchToHttp().getRequest<Record<string, unknown>>();
  return (request[PRINCIPAL_KEY] as Principal | undefined) ?? ANONYMOUS;
}

/** The caller, as the access guard authenticated it. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => principalOf(context));

/** The command context of this request: its principal as actor, its correlation id, and now. */
export const RequestCommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext =>
  commandContext(actorOf(principalOf(context)), { correlationId: currentCorrelationId() }),
);

export * from './principal';
export * from './principal-resolver';
export * from './requirements';
export { AccessGuard, PRINCIPAL_KEY, bearerToken } from './access-guard';
export { CurrentPrincipal, RequestCommandContext } from './request-decorators';
export { AccessModule, principalResolverByPrefix } from './access.module';
export { mayReadOperations, isLoopback } from './operations-access';

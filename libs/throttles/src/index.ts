// Throttles counted in Redis across every process of a deployment: a fixed window per subject, a
// growing lock-out after failures, the `@Throttled` routes, and the client address of a socket.
export { Throttle, type Refusal } from './throttle';
export { LockOut, type Lock, type LockOutRule } from './lock-out';
export { Throttles, duration, type RouteThrottle } from './throttles';
export { Throttled, ThrottleGuard } from './throttled';
export { ThrottlesModule } from './throttles.module';
export { clientAddressOf } from './client-address';

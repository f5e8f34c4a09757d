import { isIP } from 'node:net';
import type { Principal } from './principal';

/**
 * Whether a caller may read how the platform is running (the health check's details, the
 * metrics): staff signed in, or a request from this machine itself (a monitor or a scraper beside
 * the process). Anyone else learns only whether it is up.
 */
export function mayReadOperations(principal: Principal, clientAddress: string): boolean {
  return (principal.kind === 'user' && principal.staffRole !== null) || isLoopback(clientAddress);
}

/** 127.0.0.0/8 and ::1, also written as an IPv4-mapped IPv6 address. */
export function isLoopback(address: string): boolean {
  const unmapped = address.toLowerCase().startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(unmapped) === 4) return unmapped.startsWith('127.');
  return isIP(unmapped) === 6 && /^(0{0,4}:){7}0{0,3}1$|^::1$/i.test(unmapped);
}

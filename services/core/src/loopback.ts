/**
 * Whether a host name names this machine: `localhost`, IPv6 `::1` (bracketed or not) or any
 * 127.0.0.0/8 address. Only names and literals: nothing is resolved.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

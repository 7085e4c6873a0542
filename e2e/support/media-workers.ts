/**
 * Finds the mediasoup worker processes of the server under test (children of the process that
 * listens on our port, recognised by its environment), so a test can kill them as a crash would.
 */
import { readdirSync, readFileSync } from 'node:fs';

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function parentOf(pid: string): string | null {
  const stat = read(`/proc/${pid}/stat`);
  // "pid (comm) state ppid …": comm may hold spaces, so split after its closing parenthesis.
  return stat ? (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null) : null;
}

export function mediaWorkerPids(port: number): number[] {
  const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  const servers = new Set(
    pids.filter((pid) => {
      const environ = read(`/proc/${pid}/environ`)?.split('\0') ?? [];
      return environ.includes(`WEBCONF_PORT=${port}`) && (read(`/proc/${pid}/cmdline`) ?? '').includes('dist/server');
    }),
  );
  return pids
    .filter((pid) => (read(`/proc/${pid}/cmdline`) ?? '').includes('mediasoup-worker'))
    .filter((pid) => servers.has(parentOf(pid) ?? ''))
    .map(Number);
}

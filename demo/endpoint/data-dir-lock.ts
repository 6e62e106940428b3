/**
 * A lock file that keeps one process per embedded-database directory. The file holds the owner's
 * process id; a lock left by a process that died (a crash, `kill -9`) is taken over, so a restart
 * after a crash needs no manual step.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Name of the lock file inside the data directory. */
export const LOCK_FILE = 'regulars.lock';

/** A held lock. */
export interface DirectoryLock {
  /** Removes the lock file if this process still owns it. */
  release(): void;
}

/** Thrown when another live process holds the directory. */
export class DirectoryLockedError extends Error {
  readonly directory: string;
  /** The holder's process id (0 when its lock file could not be read). */
  readonly pid: number;

  constructor(directory: string, pid: number) {
    super(
      `The data directory ${directory} is in use by process ${pid}. Stop that process, or point REGULARS_DATA_DIR at another directory; ` +
        `if no such process runs, delete ${path.join(directory, LOCK_FILE)}.`,
    );
    this.name = 'DirectoryLockedError';
    this.directory = directory;
    this.pid = pid;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the lock of `directory` for this process, or throws `DirectoryLockedError`. */
export function acquireDirectoryLock(directory: string): DirectoryLock {
  const file = path.join(directory, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      // `wx` creates the file only if it does not exist: the check and the claim are one step.
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return {
        release() {
          if (ownerOf(file) === process.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(file);
      // This process counts as alive too: two openers in one process would corrupt the directory just the same.
      if (owner !== null && processAlive(owner)) throw new DirectoryLockedError(directory, owner);
      // A stale lock (its process is gone): remove it and claim again.
      try {
        unlinkSync(file);
      } catch {
        // Another starter removed it first; the next `wx` decides who wins.
      }
    }
  }
  throw new DirectoryLockedError(directory, ownerOf(file) ?? 0);
}

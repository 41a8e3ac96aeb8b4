// Runs the `hallq` command as a hall technician does: the launcher named by package.json's "bin",
// started with node from a folder outside the checkout (the launcher must not depend on the cwd).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin?: Record<string, string> };
/** The launcher's path, from package.json's "bin" (undefined when there is none). */
export const BIN = PACKAGE.bin?.hallq === undefined ? undefined : join(ROOT, PACKAGE.bin.hallq);

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh folder to run in (and to keep the files a test writes). */
export function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `hallq-cli-${name}-`));
}

/** Runs `hallq …args` to its exit (asynchronously: simulators in this process keep answering). */
export function hallq(args: readonly string[], cwd = tmpdir()): Promise<Run> {
  if (BIN === undefined) return Promise.reject(new Error('package.json has no bin.hallq'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The lines a run wrote to stderr (empty lines dropped). */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

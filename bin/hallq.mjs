#!/usr/bin/env node
// The `hallq` command (package.json "bin"): runs main/cli.ts through tsx in this process, so signals
// reach the hub or agent directly. Paths are resolved from this file, never from the cwd.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../main/cli.ts');

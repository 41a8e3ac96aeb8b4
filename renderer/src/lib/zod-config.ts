// zod probes `new Function` to compile fast parsers; the hub's CSP (no unsafe-eval) refuses it and
// Chromium logs a CSP error on every page. The screens parse little: use the interpreter. Imported
// before the protocol's schemas are built.
import { z } from 'zod';

z.config({ jitless: true });

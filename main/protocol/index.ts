// The wire contract between the hub and every client: command schemas, event maps, views.
export * from './commands.js';
export * from './events.js';
export * from './views.js';
export * from './wording.js';
export * from './roles.js';
export * from './refusals.js';
export * from './ask.js';
export * from './supervision.js';

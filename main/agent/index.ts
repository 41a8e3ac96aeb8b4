// The device agent's public face: the CLI (`hallq agent`) and the Electron shell import only this.
export { loadAgentConfig, parseAgentConfig, type AgentConfig } from './config.js';
export { runAgent, MAINTENANCE_TEXT, type RunningAgent, type AgentStatus, type AgentOptions } from './agent.js';
export { findPrinter, printTest, type PrintTestResult } from './print-test.js';

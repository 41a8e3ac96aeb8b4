/**
 * Simulated keypads on the *device* end of a serial line (a socat pty in tests and the demo hall).
 * One simulator is one RS-485 line: several keypads at their own addresses. Each answers only
 * frames for its own address, ignores garbage and frames with a bad checksum (as a real
 * multi-drop device must), remembers what it was told to show, and reports presses the way the
 * driver expects: the last press plus a press counter, so a press read twice is one press.
 *
 * Two protocols: FrameKeypadSim speaks a frame-codec spec (default: HallQ reference framing);
 * ModbusKeypadSim is a Modbus RTU slave per address with the register map of modbus.ts. The
 * Modbus one is our own small responder, not modbus-serial's ServerSerial: ServerSerial
 * overwrites the CRC of every request with the computed one before checking it (so it accepts
 * garbage as requests), frames requests by a 30 ms silence only, and logs with console.log.
 */
export * from './keypad-sim-base.js';
export { FrameKeypadSim } from './frame-keypad-sim.js';
export { ModbusKeypadSim } from './modbus-keypad-sim.js';

/** Fetching live pages politely: the HTTP client, per-host limits, robots.txt. */
export * from "./client.js";
export { HostGate, hostKey } from "./host-gate.js";
export { RobotsCache, type RobotsRules } from "./robots.js";

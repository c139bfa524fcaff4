/** Fetching live pages politely: the HTTP client, per-host limits, robots.txt. */
export * from "./client.js";
export { HostGate, hostKey, type Gate } from "./host-gate.js";
export { RobotsCache, type RobotsRules } from "./robots.js";
export { RedisHostGate, type RedisHostGateOptions } from "./redis-gate.js";

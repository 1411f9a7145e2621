/**
 * `node bench/load.js URL SECONDS CONNECTIONS` — loads one URL with autocannon (keep-alive, no
 * pipelining) for a fixed time and prints one JSON line: requests/s, latency percentiles, errors
 * and non-2xx count. Run in its own process so it never shares an event loop with a server.
 */
import autocannon from 'autocannon';

const [url, seconds, connections] = process.argv.slice(2);
const result = await autocannon({ url, duration: Number(seconds), connections: Number(connections), pipelining: 1 });
console.log(
  JSON.stringify({
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / (result.duration || Number(seconds)),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    bytesPerSecond: result.throughput.average,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  }),
);

// BullMQ on the Redis the Taskyard benchmark uses, measured the same way (docs/benchmarks.md):
// submit N no-op jobs with no worker running (addBulk in batches, P calls in flight), then
// process them with one Worker of concurrency C, timed until every job's completion is written
// to Redis (the worker's 'completed' event fires after moveToFinished returned). Prints the rates
// and, per job, Redis CPU (INFO cpu), Node CPU and Redis commands (INFO commandstats).
//
//   node bench.js [--redis redis://host:port] [--jobs N] [--concurrency C] [--batch B]
//                 [--producers P] [--warmup W] [--payload-bytes S]
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';

const defaults = {
  redis: process.env.TASKYARD_REDIS_URL || 'redis://127.0.0.1:6379',
  jobs: 200000,
  concurrency: 50,
  batch: 1000,
  producers: 2,
  warmup: 20000,
  'payload-bytes': 20,
};

function parse(argv) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].replace(/^--/, '').split('=', 2);
    if (!(name in defaults)) throw new Error(`unknown option --${name}`);
    const value = inline ?? argv[++i];
    options[name] = name === 'redis' ? value : Number.parseInt(value, 10);
  }
  return options;
}

const options = parse(process.argv.slice(2));
const url = new URL(options.redis);
const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
// {"p":"xxx..."}: the same JSON payload, of the same size, as the Taskyard benchmark's.
const data = { p: 'x'.repeat(Math.max(0, options['payload-bytes'] - 8)) };

async function info(client, section) {
  const fields = {};
  for (const line of (await client.info(section)).split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0) fields[line.slice(0, at)] = line.slice(at + 1);
  }
  return fields;
}

/** Redis CPU (µs), Node CPU (µs) and Redis command calls (the INFO command itself left out). */
async function reading(client) {
  const cpu = await info(client, 'cpu');
  const stats = await info(client, 'commandstats');
  let commands = 0;
  for (const [name, value] of Object.entries(stats)) {
    if (name !== 'cmdstat_info') commands += Number(/calls=(\d+)/.exec(value)[1]);
  }
  const node = process.cpuUsage();
  return {
    redis: (Number(cpu.used_cpu_user) + Number(cpu.used_cpu_sys)) * 1e6,
    node: node.user + node.system,
    commands,
  };
}

function costs(before, after, jobs) {
  return {
    redis: (after.redis - before.redis) / jobs,
    node: (after.node - before.node) / jobs,
    commands: (after.commands - before.commands) / jobs,
  };
}

async function submit(queue, jobs) {
  let next = 0;
  const producer = async () => {
    while (next < jobs) {
      const count = Math.min(options.batch, jobs - next);
      next += count;
      await queue.addBulk(Array.from({ length: count }, () => ({ name: 'bench.noop', data })));
    }
  };
  await Promise.all(Array.from({ length: options.producers }, producer));
}

async function process_(queueName, jobs) {
  const worker = new Worker(queueName, async () => null, {
    connection,
    concurrency: options.concurrency,
    autorun: false,
  });
  await worker.waitUntilReady();
  let completed = 0;
  const done = new Promise((resolve, reject) => {
    worker.on('completed', () => {
      if (++completed === jobs) resolve();
    });
    worker.on('error', reject);
  });
  const start = process.hrtime.bigint();
  worker.run();
  await done;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await worker.close();
  return seconds;
}

/** Submits and processes `jobs` jobs on a fresh queue; returns the figures of both phases. */
async function round(client, jobs) {
  const queue = new Queue(`bench-${randomUUID().slice(0, 12)}`, { connection });
  try {
    const r0 = await reading(client);
    let start = process.hrtime.bigint();
    await submit(queue, jobs);
    const submitSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const r1 = await reading(client);
    const processSeconds = await process_(queue.name, jobs);
    const r2 = await reading(client);
    return {
      submitSeconds,
      processSeconds,
      submit: costs(r0, r1, jobs),
      process: costs(r1, r2, jobs),
    };
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

// A client of its own for INFO, so the readings do not queue behind BullMQ's commands.
const client = new Redis(options.redis);
const server = await info(client, 'server');
const loadBefore = loadavg()[0];
console.log(
  `BullMQ benchmark  (Redis ${server.redis_version}, Node ${process.version}, jobs=${options.jobs}, ` +
    `concurrency=${options.concurrency}, batch=${options.batch}, producers=${options.producers}, ` +
    `payload=${options['payload-bytes']} B, warmup=${options.warmup})`,
);
if (options.warmup > 0) await round(client, options.warmup);
const r = await round(client, options.jobs);
const rate = (seconds) => Math.round(options.jobs / seconds).toLocaleString('en');
console.log(`submit:   ${options.jobs} jobs in ${r.submitSeconds.toFixed(2)} s = ${rate(r.submitSeconds)} jobs/s`);
console.log(`process:  ${options.jobs} jobs in ${r.processSeconds.toFixed(2)} s = ${rate(r.processSeconds)} jobs/s`);
console.log(
  `redis commands per job: ${(r.submit.commands + r.process.commands).toFixed(2)} = ` +
    `submit ${r.submit.commands.toFixed(2)} + process ${r.process.commands.toFixed(2)}`,
);
console.log(
  `cpu per job: submit ${r.submit.node.toFixed(1)} us Node + ${r.submit.redis.toFixed(1)} us Redis; ` +
    `process ${r.process.node.toFixed(1)} us Node + ${r.process.redis.toFixed(1)} us Redis`,
);
console.log(`machine load average (1 min): ${loadBefore.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
process.exit(0);

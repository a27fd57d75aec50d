// The worker thread of the "PGlite in a worker" candidate: opens the tuned
// PGlite in this thread and answers the main thread's calls (engines.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { serveWorker, type WorkerInit, type WorkerReply, type WorkerRequest } from './engines';

const port = parentPort;
if (!port) throw new Error('store-worker runs as a worker thread');
const post = (reply: WorkerReply) => port.postMessage(reply);
serveWorker(workerData as WorkerInit, post, (handler) =>
  port.on('message', (request: WorkerRequest) => handler(request)),
).catch((error: unknown) => {
  // Id 0 is the open the main thread waits for.
  post({ id: 0, ok: false, message: error instanceof Error ? error.message : String(error) });
});

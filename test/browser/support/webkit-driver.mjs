// Starts Xvfb (only if no $DISPLAY) and WebKitWebDriver for the WebKit run; stops both on exit.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function startXvfb() {
  // -displayfd: Xvfb picks a free display and prints its number.
  return new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
    xvfb.on('error', reject);
    let buf = '';
    xvfb.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/(\d+)\s*$/m);
      if (m && buf.includes('\n')) resolve({ proc: xvfb, display: `:${m[1]}` });
    });
  });
}

async function waitReady(port, timeoutMs = 15000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/status`);
      if (r.ok && (await r.json()).value?.ready) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKitWebDriver did not become ready on port ${port}`);
}

/** Starts the driver (and Xvfb when needed); returns the driver's port. */
export async function startWebKitDriver() {
  const children = [];
  let display = process.env.DISPLAY;
  if (!display) {
    const x = await startXvfb();
    children.push(x.proc);
    display = x.display;
  }
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], { env: { ...process.env, DISPLAY: display }, stdio: 'ignore' });
  children.push(driver);
  const cleanup = () => children.forEach((c) => { try { c.kill('SIGTERM'); } catch { /* already gone */ } });
  process.on('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup(); process.exit(130); });
  await waitReady(port);
  return { port, display };
}

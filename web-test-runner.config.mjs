// Browser tests in the three real engines from Debian packages. Pick some with
// WTR_BROWSERS=chromium,firefox,webkit (default: all three).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { commonJsWrap } from './test/browser/support/cjs-wrap.mjs';
import { cspPage } from './test/browser/support/csp-middleware.mjs';
import { startWebKitDriver } from './test/browser/support/webkit-driver.mjs';

const wanted = (process.env.WTR_BROWSERS ?? 'chromium,firefox,webkit').split(',').map((s) => s.trim()).filter(Boolean);
const known = ['chromium', 'firefox', 'webkit'];
for (const w of wanted) if (!known.includes(w)) throw new Error(`WTR_BROWSERS: unknown browser "${w}" (use ${known.join(', ')})`);

const browsers = [];
if (wanted.includes('chromium')) {
  browsers.push(chromeLauncher({
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      headless: true,
      // Root needs --no-sandbox; the rest keep Chromium off the (closed) network.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
  }));
}
if (wanted.includes('firefox')) {
  browsers.push(chromeLauncher({
    puppeteer: puppeteerCore, // puppeteer-core speaks WebDriver BiDi to Firefox
    launchOptions: { browser: 'firefox', executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', headless: true },
  }));
}
if (wanted.includes('webkit')) {
  const { port } = await startWebKitDriver();
  browsers.push(webdriverLauncher({
    hostname: '127.0.0.1',
    port,
    path: '/',
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': {
        binary: process.env.WEBKIT_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    },
  }));
}

export default {
  files: 'test/browser/**/*.test.ts',
  // `browser: true` picks packages' browser builds (tus-js-client has a Node one that needs fs).
  nodeResolve: { exportConditions: ['browser', 'development'], browser: true },
  hostname: '127.0.0.1',
  // One WebDriver session per file for WebKit.
  concurrency: 1,
  middleware: [cspPage()],
  plugins: [commonJsWrap(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers,
  testFramework: { config: { timeout: 10000 } },
};

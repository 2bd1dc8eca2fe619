// The interface on the large store, in Debian's Chromium (playwright-core) against `jalons serve`:
// navigation → caseload usable, a search keystroke → list updated (and answer → DOM), and frame times
// (requestAnimationFrame deltas collected in the page) while scrolling the whole list.
// Run alone: npx tsx bench/renderer.ts --db FILE   (passphrase: the bench's, or JALONS_PASSPHRASE)
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import type { RendererReport } from './bench';
import { BENCH_PASSPHRASE } from './dataset';
import { summarize } from './lib';

const CHROMIUM = process.env.JALONS_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function startServe(file: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['bin/jalons.mjs', 'serve', '--db', file], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 180_000);
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Installed before the app's scripts: when each answer of `salaries.list` arrives, and the first animation frame
 * at which the list shows it (count and first row as answered — an answer equal to the list already shown
 * counts at the next frame).
 */
const PROBES = `
  (() => {
    const w = window;
    w.__answerAt = null; w.__paintAt = null;
    const digits = (t) => (t || '').replace(/[^0-9]/g, '');
    const origFetch = w.fetch.bind(w);
    w.fetch = async (input, init) => {
      const res = await origFetch(input, init);
      if (String(input).includes('salaries.list') && !String(init && init.body).includes('"limit":1}')) {
        const json = res.json.bind(res);
        res.json = async () => {
          const v = await json();
          if (!v.ok || v.value.rows.length === 0 || (JSON.parse(init.body).offset || 0) !== 0) return v;
          const at = performance.now();
          w.__answerAt = at;
          const total = String(v.value.total);
          const first = v.value.rows[0].lastName;
          const check = () => {
            if (w.__answerAt !== at) return;
            const count = document.querySelector('p[role="status"].count');
            const row = document.querySelector('tr[data-index="0"] td');
            if (count && digits(count.textContent) === total && row && row.textContent.startsWith(first)) w.__paintAt = performance.now();
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
          return v;
        };
      }
      return res;
    };
  })();
`;

const FIRST_ROW = 'tr[data-index="0"]:not(.loading-row)';

async function typeAndWait(page: Page, key: string): Promise<{ total: number; answerToPaint: number }> {
  await page.evaluate('window.__answerAt = null; window.__paintAt = null; window.__keyAt = performance.now();');
  await page.keyboard.press(key);
  try {
    await page.waitForFunction('window.__paintAt !== null', undefined, { timeout: 60_000, polling: 'raf' });
  } catch (error) {
    const state = await page.evaluate('JSON.stringify({ answer: window.__answerAt, key: window.__keyAt, value: document.querySelector("#caseload-search")?.value })');
    throw new Error(`no list update after typing « ${key} »: ${String(state)}`, { cause: error });
  }
  return (await page.evaluate('({ total: window.__paintAt - window.__keyAt, answerToPaint: window.__paintAt - window.__answerAt })')) as { total: number; answerToPaint: number };
}

/** Scrolls the list for `frames` animation frames, jumping now and then as a dragged scrollbar does; returns the frame deltas. */
const SCROLL = (frames: number) => `
  new Promise((resolve) => {
    const el = document.querySelector('.caseload-scroll');
    const deltas = [];
    let last = performance.now();
    let n = 0;
    const max = el.scrollHeight - el.clientHeight;
    const step = () => {
      const now = performance.now();
      deltas.push(now - last);
      last = now;
      n += 1;
      if (n % 40 === 0) el.scrollTop = Math.floor(max * ((n * 0.6180339) % 1));
      else el.scrollTop = Math.min(max, el.scrollTop + 900);
      if (n < ${frames}) requestAnimationFrame(step); else resolve(deltas.slice(2));
    };
    requestAnimationFrame(step);
  })
`;

export async function runRendererBench(input: { file: string; passphrase: string; salaries: number; log: (line: string) => void }): Promise<RendererReport> {
  const serve = await startServe(input.file);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    // bypassCSP: the probes below are evaluated as strings (the app's CSP forbids eval); the app itself is unchanged.
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 768 }, bypassCSP: true });
    await context.addInitScript(PROBES);
    const page = await context.newPage();
    if (process.env.BENCH_DEBUG) page.on('requestfinished', (r) => console.log(`  ${r.url().replace(/^.*\/api\//, 'api ')} ${Math.round(r.timing().responseEnd)} ms`));
    await page.goto(serve.url);
    await page.getByLabel('Phrase de passe', { exact: true }).fill(input.passphrase);
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor({ timeout: 180_000 });
    // The dashboard's own requests first (the core answers one request at a time).
    await page.waitForLoadState('networkidle', { timeout: 600_000 });
    const origin = new URL(serve.url).origin;

    // Navigation (a full load of the app on the caseload, session already open) → its first row shown. From
    // about:blank, so that each load is a new document (a hash change alone would keep the old one).
    const firstUsable: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await page.goto('about:blank');
      await page.goto(`${origin}/#/salaries`);
      const handle = await page.waitForFunction(`document.querySelector('${FIRST_ROW}') && document.querySelector('#caseload-search') && performance.now()`, undefined, {
        timeout: 120_000,
        polling: 'raf',
      });
      firstUsable.push(Number(await handle.jsonValue()));
    }
    input.log(`  liste utilisable en ${firstUsable.map((t) => Math.round(t)).join(' / ')} ms`);

    // Keystrokes: "d u r" to start, then "a" and "n" measured, several times.
    const totals: number[] = [];
    const toDom: number[] = [];
    const search = page.locator('#caseload-search');
    for (let round = 0; round < 5; round += 1) {
      await search.fill('');
      await page.waitForSelector(FIRST_ROW);
      await search.focus();
      for (const key of ['d', 'u', 'r', 'a', 'n']) {
        const t = await typeAndWait(page, key);
        if (key !== 'd') {
          totals.push(t.total);
          toDom.push(t.answerToPaint);
        }
      }
    }

    // The whole list: status « Tous », no search; frames while scrolling, then a jump to the end.
    await search.fill('');
    await page.getByLabel('Statut').selectOption('tous');
    await page.locator('p[role="status"].count').filter({ hasText: /salariés$/ }).waitFor();
    await page.waitForSelector(FIRST_ROW);
    const deltas = (await page.evaluate(SCROLL(600))) as number[];
    const sorted = [...deltas].sort((a, b) => a - b);
    const jumpStart = Date.now();
    await page.evaluate("(() => { const el = document.querySelector('.caseload-scroll'); el.scrollTop = el.scrollHeight; })()");
    await page.waitForFunction(
      "(() => { const rows = [...document.querySelectorAll('.caseload-table tbody tr[data-index]')]; const last = rows[rows.length - 1]; return rows.length > 0 && !rows.some((r) => r.classList.contains('loading-row')) && Number(last.dataset.index) > 0; })()",
      undefined,
      { timeout: 120_000, polling: 'raf' },
    );
    const deepJumpMs = Date.now() - jumpStart;
    await context.close();
    return {
      skipped: null,
      firstUsableMs: Math.min(...firstUsable),
      keystroke: { toListUpdatedMs: summarize(totals, totals), answerToDomMs: summarize(toDom, toDom) },
      scroll: {
        frames: deltas.length,
        maxFrameMs: sorted[sorted.length - 1] ?? 0,
        p95FrameMs: sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? 0,
        over50ms: deltas.filter((d) => d > 50).length,
        droppedFrames: deltas.filter((d) => d > 25).length,
      },
      deepJumpMs,
    };
  } finally {
    await browser.close();
    await serve.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { db: { type: 'string' } }, strict: true });
  if (!values.db) {
    console.error('npx tsx bench/renderer.ts --db FICHIER');
    process.exit(2);
  }
  const report = await runRendererBench({ file: values.db, passphrase: process.env.JALONS_PASSPHRASE ?? BENCH_PASSPHRASE, salaries: 0, log: console.log });
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

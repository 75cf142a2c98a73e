// lab.mjs runs a notebook in a real JupyterLab session in headless Chromium, as a learner
// would, and checks what the page shows. e2e_test.go starts the JupyterLab server and runs
// it; see doc.go.
//
//   node e2e/lab.mjs [--out DIR] [--timeout SECONDS] [--chromium PATH] [--lab NAME] URL
//
// URL is the notebook's JupyterLab address with its token, e.g.
// http://127.0.0.1:8888/lab/tree/C2_W1_Assignment.ipynb?token=abc (or $NNLAB_LAB_URL).
// The script waits for the "Go (gonb)" kernel to be idle, checks that the page's kernel
// indicator reads idle and that opening the notebook did not mark it modified, clicks
// Run > Run All Cells, waits until every code cell has an execution count and the kernel
// is idle again, then asserts on the page: the model summary, the digit pictures, the
// lines some cells print, and no error output (nothing on stderr either: nbgrader scores
// a grade cell 0 for it); last, it restarts the kernel and checks that the indicator reads
// idle again. What the notebook must show (the summary, the cells drawing digit grids,
// lines some cells print, how many pictures; cells named by their nbgrader grade_id) is the
// lab NAME's in testdata/labs.json, the fixture the Go tests read too: C2_W1 (the binary
// lab, the default), C2_W2, C2_W3 (its checks are printed lines), C2_W4 or C2_W4_Lab01 (the
// decision-tree labs, with no model: their checks are the printed lines), or one of the
// optional labs. It writes DIR/lab.png (a screenshot of the whole notebook), DIR/lab.txt
// (every code cell's prompt and output text) and DIR/cells.json (every code cell's name,
// prompt and stdout as the page shows them: e2e_test.go reads the training log there with
// the Go tests' own parser), also on failure, and exits with status 1 and a message saying
// what is wrong when a check fails.
//
// Chromium is the system's (/usr/bin/chromium by default, or $CHROMIUM); playwright-core
// never downloads a browser.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const KERNEL = 'Go (gonb)';
// The notebook on screen (JupyterLab keeps other open documents, hidden, in the DOM).
const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';

function usage(msg) {
  console.error(`lab.mjs: ${msg}\nusage: node e2e/lab.mjs [--out DIR] [--timeout SECONDS] [--chromium PATH] [--lab NAME] URL`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    out: path.resolve(here, '..', 'build', 'e2e'),
    timeoutSec: 15 * 60,
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
    url: process.env.NNLAB_LAB_URL || '',
    lab: 'C2_W1',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--out') opts.out = path.resolve(value());
    else if (a === '--timeout') opts.timeoutSec = Number(value());
    else if (a === '--chromium') opts.chromium = value();
    else if (a === '--lab') opts.lab = value();
    else if (a.startsWith('-')) usage(`unknown flag ${a}`);
    else opts.url = a;
  }
  if (!opts.url) usage('no notebook URL');
  if (!(opts.timeoutSec > 0)) usage('--timeout must be a positive number of seconds');
  const fixture = JSON.parse(fs.readFileSync(path.join(here, '..', 'testdata', 'labs.json'), 'utf8'));
  const lab = fixture.labs[opts.lab];
  if (!lab) usage(`--lab ${opts.lab}: testdata/labs.json has the labs ${Object.keys(fixture.labs).join(', ')}`);
  return { ...opts, ...lab };
}

// A failed check: its message is the test's verdict.
class CheckError extends Error {}

const opts = parseArgs(process.argv.slice(2));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const log = (msg) => console.log(`[${elapsed()}] ${msg}`);

// The JupyterLab server's REST API for the notebook that URL opens.
function serverOf(url) {
  const u = new URL(url);
  const m = u.pathname.match(/^(.*)\/lab\/tree\/(.+\.ipynb)$/);
  if (!m) throw new CheckError(`URL ${url} does not open a notebook (want .../lab/tree/NAME.ipynb?token=...)`);
  const token = u.searchParams.get('token') || '';
  const notebook = decodeURIComponent(m[2]);
  const get = async (p) => {
    const api = new URL(`${m[1]}/api/${p}`, u);
    const res = await fetch(api, { headers: { Authorization: `token ${token}` } });
    if (!res.ok) throw new CheckError(`GET ${api.pathname}: ${res.status} ${res.statusText}`);
    return res.json();
  };
  return {
    notebook,
    // The notebook's code cells, in order, as the server has them: each one's name (its
    // nbgrader grade_id, or its nbformat id in a notebook without nbgrader metadata) and source.
    async codeCells() {
      const nb = await get(`contents/${m[2]}?content=1`);
      const graded = nb.content.cells.some((c) => c.metadata?.nbgrader);
      return nb.content.cells
        .filter((c) => c.cell_type === 'code')
        .map((c) => ({
          name: graded ? c.metadata?.nbgrader?.grade_id : c.id,
          source: Array.isArray(c.source) ? c.source.join('') : c.source,
        }));
    },
    // The kernel of the notebook's session, as the server sees it, or null.
    async kernel() {
      const sessions = await get('sessions');
      return sessions.find((s) => s.path === notebook)?.kernel ?? null;
    },
  };
}

// What the page shows for each code cell, in notebook order.
function readCells(page) {
  return page.evaluate((panel) =>
    [...document.querySelectorAll(`${panel} .jp-Notebook .jp-Cell.jp-CodeCell`)].map((cell) => {
      const outputs = [...cell.querySelectorAll('.jp-OutputArea-output')].map((o) => ({
        mime: o.dataset.mimeType || '',
        // Text as shown: without the <style> sheets of HTML outputs and the hidden source
        // context of GoNB's error report.
        text: [...o.querySelectorAll('style, .gonb-err-context')].reduce((t, e) => t.replace(e.textContent, ''), o.textContent || ''),
        gonbError: o.querySelector('.gonb-err-location, .gonb-cell-line-info') !== null,
        images: [...o.querySelectorAll('img')].map((img) => ({
          loaded: img.complete && img.naturalWidth > 0,
          width: img.naturalWidth,
          height: img.naturalHeight,
        })),
      }));
      return {
        prompt: (cell.querySelector('.jp-InputArea .jp-InputPrompt')?.textContent || '').trim(),
        outputs,
      };
    }), PANEL);
}

function kernelStatus(page) {
  return page.evaluate((panel) => {
    const name = document.querySelector(`${panel} .jp-Toolbar-kernelName`)?.textContent?.trim() || '';
    const status = document.querySelector(`${panel} .jp-Notebook-ExecutionIndicator`)?.dataset.status || '';
    const dialog = document.querySelector('.jp-Dialog')?.textContent?.trim() || '';
    return { name, status, dialog };
  }, PANEL);
}

// afterRestart restarts the kernel from the Kernel menu and returns what is wrong with
// the kernel indicator afterwards: it must read "idle" again before any cell runs.
async function afterRestart(page, deadline) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Kernel$/ }).click();
  try {
    await page.locator('.lm-Menu-item:visible .lm-Menu-itemLabel', { hasText: /^Restart Kernel(…|\.\.\.)?$/ }).click({ timeout: 10_000 });
    await page.locator('.jp-Dialog .jp-mod-accept').click({ timeout: 10_000 });
  } catch (e) {
    return [`could not restart the kernel from the Kernel menu: ${short(e.message)}`];
  }
  // The restart takes a moment: only then can "idle" be the new kernel's.
  await page.waitForTimeout(5000);
  let status = '';
  await waitFor('the page to show the restarted kernel idle', Math.min(deadline, Date.now() + 30_000), async () => {
    status = (await kernelStatus(page)).status;
    return status === 'idle';
  }).catch(() => {});
  log(`restarted the kernel: the page says "${status}"`);
  return status === 'idle' ? [] : [`after Kernel > Restart Kernel the kernel indicator reads "${status}", want "idle"`];
}

// The main area's current tab: its label and whether it shows unsaved changes.
function documentTab(page) {
  return page.evaluate(() => {
    const tab = document.querySelector('.lm-DockPanel .lm-TabBar-tab.lm-mod-current');
    return {
      label: tab?.querySelector('.lm-TabBar-tabLabel')?.textContent?.trim() || '',
      dirty: tab?.classList.contains('jp-mod-dirty') ?? false,
    };
  });
}

// waitFor polls fn until it returns a truthy value or the deadline passes; progress()
// is logged every minute.
async function waitFor(what, deadline, fn, progress) {
  let lastLog = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new CheckError(`timed out after ${elapsed()} waiting for ${what}`);
    if (progress && Date.now() - lastLog > 60_000) {
      lastLog = Date.now();
      log(await progress());
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const isCount = (prompt) => /^\[\d+\]:$/.test(prompt);
const stdoutOf = (cell) => cell.outputs.filter((o) => o.mime === 'application/vnd.jupyter.stdout').map((o) => o.text).join('');
const short = (s, n = 600) => (s.length > n ? `${s.slice(0, n)}...` : s);

// Error outputs as JupyterLab renders them: GoNB reports a failed cell (compile error,
// panic, non-zero exit) as an "error" message, which JupyterLab shows with the stderr
// renderer (red text), and compile errors also as an HTML report with cell line links.
// Any stderr text counts as an error too (the labs' packages write notices on stdout).
function errorOutputs(cells) {
  const errs = [];
  cells.forEach((c, i) => {
    for (const o of c.outputs) {
      if (o.gonbError) errs.push(`code cell ${i + 1} ${c.prompt} shows a GoNB error report: ${short(o.text.trim().replace(/\s+/g, ' '))}`);
      else if (o.mime === 'application/vnd.jupyter.stderr') {
        errs.push(`code cell ${i + 1} ${c.prompt} shows an error (red output): ${short(o.text.trim())}`);
      }
    }
  });
  return errs;
}

// The checks on the finished notebook; each failure is one line of the verdict. The
// training log is checked by e2e_test.go, from cells.json, with the Go tests' parser.
function check(cells, code) {
  const fails = [];
  const cellNamed = (name) => {
    const i = code.findIndex((c) => c.name === name);
    if (i < 0) fails.push(`no code cell is named "${name}" (its nbgrader grade_id)`);
    return i < 0 ? null : { i, cell: cells[i] };
  };

  fails.push(...errorOutputs(cells));

  // The labs with a model (summary, training log), the decision-tree labs with lines they print,
  // and the optional labs, which give neither in the fixture.
  const summary = opts.summary ? cellNamed(opts.summary_cell) : null;
  if (summary) {
    const out = stdoutOf(summary.cell);
    const trimmed = out.replace(/ +$/gm, '');
    if (!trimmed.includes(opts.summary)) fails.push(`the model summary (code cell ${summary.i + 1}) is not\n${opts.summary}but:\n${short(out)}`);
  }

  for (const p of opts.prints || []) {
    const c = cellNamed(p.cell);
    if (c && !stdoutOf(c.cell).includes(p.text)) {
      fails.push(`code cell ${c.i + 1} (${p.cell}) does not print\n${p.text}\nbut:\n${short(stdoutOf(c.cell))}`);
    }
  }

  for (const name of opts.grids || []) {
    const grid = cellNamed(name);
    if (!grid) continue;
    const imgs = grid.cell.outputs.flatMap((o) => o.images);
    if (!imgs.some((img) => img.loaded && img.width >= 200 && img.height >= 200)) {
      fails.push(`the cell ${name} drawing a grid of digits (code cell ${grid.i + 1}) shows no loaded picture (images: ${JSON.stringify(imgs)})`);
    }
  }

  const images = cells.flatMap((c) => c.outputs.flatMap((o) => o.images));
  const loaded = images.filter((img) => img.loaded).length;
  if (loaded !== opts.pictures) fails.push(`the notebook shows ${loaded} loaded pictures (of ${images.length} <img>), want ${opts.pictures}`);
  return fails;
}

function dumpText(cells, code) {
  const lines = [];
  cells.forEach((c, i) => {
    lines.push(`=== code cell ${i + 1} ${c.prompt}${code[i]?.name ? ` (${code[i].name})` : ''}`);
    lines.push(...(code[i]?.source ?? '(source unknown)').split('\n').map((l) => `  | ${l}`));
    for (const o of c.outputs) {
      const imgs = o.images.map((img) => `<img ${img.width}x${img.height}${img.loaded ? '' : ' not loaded'}>`).join(' ');
      lines.push(`--- ${o.mime}${o.gonbError ? ' (GoNB error report)' : ''} ${imgs}`);
      lines.push(o.mime === 'text/html' && !o.gonbError ? short(o.text.trim(), 300) : o.text.replace(/\n$/, ''));
    }
  });
  return lines.join('\n') + '\n';
}

// Screenshot of the whole notebook: JupyterLab scrolls inside the page, so the viewport
// is made as tall as the notebook (up to a limit) and the file browser is closed.
async function screenshot(page, file) {
  const fileTab = page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current');
  if (await fileTab.count()) await fileTab.first().click({ timeout: 10_000 }).catch(() => {});
  const height = await page.evaluate((panel) => {
    const scroller = document.querySelector(`${panel} .jp-WindowedPanel-outer`);
    return scroller ? scroller.scrollHeight : 0;
  }, PANEL);
  const size = page.viewportSize();
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(size.height, height + 200), 30000) });
  await page.evaluate((panel) => {
    const scroller = document.querySelector(`${panel} .jp-WindowedPanel-outer`);
    if (scroller) scroller.scrollTop = 0;
  }, PANEL);
  await page.waitForTimeout(2000);
  await page.screenshot({ path: file });
}

// openNotebook opens the notebook of opts.url in a fresh workspace and waits until the
// page shows its count code cells.
async function openNotebook(page, count, deadline) {
  log(`opening ${opts.url.replace(/token=[^&]+/, 'token=...')}`);
  // ?reset: a fresh workspace, only this notebook open, whatever ran before.
  const url = new URL(opts.url);
  url.searchParams.set('reset', '');
  await page.goto(url.href, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector(`${PANEL} .jp-Notebook .jp-Cell`, { timeout: 180_000 });
  // The notebook adds its cells to the page in batches.
  const codeCells = page.locator(`${PANEL} .jp-Notebook .jp-Cell.jp-CodeCell`);
  await waitFor(`the page to show the notebook's ${count} code cells`, Math.min(deadline, Date.now() + 120_000),
    async () => (await codeCells.count()) === count,
    async () => `the page shows ${await codeCells.count()} of ${count} code cells`,
  ).catch(async (e) => {
    throw new CheckError(`${e.message}: the page shows ${await codeCells.count()}`);
  });
}

// beforeRun waits for the kernel to be idle and returns what is wrong before any cell
// runs: the toolbar's kernel indicator must read "idle" (GoNB sends no status JupyterLab
// tracks until a cell runs; the server configuration that setup installs makes it track
// the one for kernel_info, see kernel/jupyter_server_config.json), and opening the
// notebook must not mark it modified. The server's view of the kernel tells a kernel
// that is not up from a page that does not show it.
async function beforeRun(page, server, deadline) {
  const early = [];
  const startDeadline = Math.min(deadline, Date.now() + 300_000);
  await waitFor(`the kernel "${KERNEL}" to be idle`, startDeadline, async () => {
    const s = await kernelStatus(page);
    if (s.dialog) throw new CheckError(`JupyterLab shows a dialog instead of starting the kernel: ${short(s.dialog)}`);
    const k = await server.kernel();
    return s.name === KERNEL && k?.execution_state === 'idle' && k.connections > 0;
  }, async () => `kernel: page ${JSON.stringify(await kernelStatus(page))}, server ${JSON.stringify(await server.kernel())}`);
  // The server may see the kernel idle a moment before the page hears of it.
  await waitFor('the page to show the kernel idle', Math.min(deadline, Date.now() + 20_000),
    async () => (await kernelStatus(page)).status === 'idle').catch(() => {});
  const before = await kernelStatus(page);
  if (before.status !== 'idle') {
    early.push(`before the first cell runs, the kernel indicator reads "${before.status}", want "idle" (the kernel is idle on the server)`);
  }
  // Once the kernel is connected JupyterLab has copied its language_info and kernelspec
  // into the notebook; the committed metadata must already be exactly that.
  await page.waitForTimeout(2000);
  const tab = await documentTab(page);
  if (!tab.label.startsWith(path.basename(server.notebook))) {
    early.push(`the current document tab is "${tab.label}", want the notebook ${server.notebook}`);
  } else if (tab.dirty) {
    early.push(`opening ${server.notebook} marks it modified (its tab shows unsaved changes) before anything ran: its metadata differ from what the kernel reports`);
  }
  log(`kernel ${KERNEL} is idle (the page says "${before.status}"), notebook ${tab.dirty ? 'modified' : 'not modified'}`);
  return early;
}

// runAll clicks Run > Run All Cells and returns what the page shows of the code cells once
// every one has a number and the kernel has stayed idle for a few seconds.
async function runAll(page, deadline) {
  log('Run > Run All Cells');
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-item:visible .lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
  let idleSince = 0;
  await waitFor('every code cell to run and the kernel to be idle', deadline, async () => {
    const s = await kernelStatus(page);
    if (s.dialog) throw new CheckError(`JupyterLab shows a dialog while running: ${short(s.dialog)}`);
    const cells = await readCells(page);
    const done = cells.length > 0 && cells.every((c) => isCount(c.prompt)) && s.status === 'idle';
    if (!done) idleSince = 0;
    else if (!idleSince) idleSince = Date.now();
    return done && Date.now() - idleSince >= 3000;
  }, async () => {
    const c = await readCells(page);
    const s = await kernelStatus(page);
    return `${c.filter((x) => isCount(x.prompt)).length}/${c.length} code cells have run, kernel ${s.status}`;
  });
  // Pictures are <img> tags with data URLs: give them a moment to decode.
  await page.waitForTimeout(1000);
  const cells = await readCells(page);
  log(`all ${cells.length} code cells have run`);
  return cells;
}

// record writes what the page shows to opts.out: lab.png, lab.txt and cells.json.
async function record(page, cells, code, consoleErrors) {
  const png = path.join(opts.out, 'lab.png');
  try {
    await screenshot(page, png);
    log(`screenshot: ${png}`);
  } catch (e) {
    console.error(`lab.mjs: could not take the screenshot: ${e.message}`);
  }
  const txt = path.join(opts.out, 'lab.txt');
  let dump = dumpText(cells, code);
  if (consoleErrors.length) dump += `\n=== browser console errors\n${consoleErrors.join('\n')}\n`;
  fs.writeFileSync(txt, dump);
  log(`text of every cell: ${txt}`);
  const shown = cells.map((c, i) => ({ name: code[i]?.name ?? '', prompt: c.prompt, stdout: stdoutOf(c) }));
  fs.writeFileSync(path.join(opts.out, 'cells.json'), JSON.stringify(shown, null, 1) + '\n');
}

async function main() {
  fs.mkdirSync(opts.out, { recursive: true });
  for (const f of ['lab.png', 'lab.txt', 'cells.json']) fs.rmSync(path.join(opts.out, f), { force: true });
  if (!fs.existsSync(opts.chromium)) {
    throw new CheckError(`${opts.chromium} not found: install Debian's chromium (make e2e-deps) or set CHROMIUM`);
  }
  const deadline = started + opts.timeoutSec * 1000;
  const server = serverOf(opts.url);
  const code = await server.codeCells();

  const browser = await chromium.launch({
    executablePath: opts.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  const consoleErrors = [];
  let cells = [];
  let verdict = null;
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.setDefaultTimeout(120_000);
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  try {
    await openNotebook(page, code.length, deadline);
    const early = await beforeRun(page, server, deadline);
    cells = await runAll(page, deadline);
    const fails = [...early, ...check(cells, code), ...await afterRestart(page, deadline)];
    if (fails.length) {
      const shown = fails.slice(0, 15);
      if (fails.length > shown.length) shown.push(`... and ${fails.length - shown.length} more (see lab.txt)`);
      throw new CheckError(`${fails.length} check(s) failed:\n- ${shown.join('\n- ')}`);
    }
  } catch (e) {
    verdict = e;
  }
  cells = await readCells(page).catch(() => cells);
  await record(page, cells, code, consoleErrors);
  await browser.close();
  if (verdict) throw verdict;
  log(`PASS: ${cells.length} code cells ran without error; ${opts.summary ? 'summary and ' : ''}${opts.prints ? 'what the lab prints and ' : ''}pictures are shown`);
}

main().catch((e) => {
  const msg = e instanceof CheckError ? e.message : (e.stack || String(e));
  console.error(`\nFAIL (after ${elapsed()}): ${msg}`);
  process.exit(1);
});

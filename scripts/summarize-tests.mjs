// Adds up the JSON reports of Vitest and Playwright into the one closing line CI reads:
// "N passed, N failed, N skipped". A missing report counts as a failure (the runner crashed).
import { existsSync, readFileSync } from 'node:fs';

/** Each skipped Playwright test with its reason, so a skip is always said, never only counted. */
function* skippedPlaywrightTests(suites, titles = []) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'skipped') continue;
        const reason = (test.annotations ?? []).find((a) => a.type === 'skip')?.description ?? 'no reason given';
        yield `skipped: ${[...path, spec.title].join(' › ')} (${reason})`;
      }
    }
    yield* skippedPlaywrightTests(suite.suites ?? [], path);
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`missing test report: ${file}`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if ('numPassedTests' in report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  } else if (report.stats) {
    passed += report.stats.expected;
    failed += report.stats.unexpected + report.stats.flaky;
    skipped += report.stats.skipped;
    for (const line of skippedPlaywrightTests(report.suites ?? [])) console.log(line);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

// Prints why each skipped end-to-end test was skipped: the list reporter shows
// only a dash, and a skip nobody can read the reason of hides a gap.
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonsReporter implements Reporter {
  private readonly lines: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((annotation) => annotation.type === 'skip')?.description || 'no reason given';
    this.lines.push(`skipped: ${test.titlePath().filter(Boolean).join(' › ')}: ${reason}`);
  }

  onEnd(): void {
    for (const line of this.lines) console.log(line);
  }

  printsToStdio(): boolean {
    return false;
  }
}

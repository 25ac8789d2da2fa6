import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// axe-core in a real page: the suites' one way to ask for accessibility violations.

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's violations, as `id (count: first target)`: on the whole page, or within the element `within` names. */
export async function axe(page: Page, within?: string): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const a = (window as unknown as { axe: { run: (ctx: Document | Element) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const root = selector ? document.querySelector(selector)! : document;
    return (await a.run(root)).violations.map((v) => `${v.id} (${v.nodes.length}: ${JSON.stringify(v.nodes[0]?.target)})`);
  }, within);
}

// Measurements that run inside the war-room page (through page.evaluate): each
// function is serialised, so it uses only its arguments and the page's globals.
// "Painted" means a frame was produced after the change: a requestAnimationFrame
// callback, then a task queued from it (it runs once that frame is done).

export interface OpenTiming {
  readonly ms: number;
}

/** From asking for the incident's route to its newest row painted. */
export async function openIncident({ id, newestText }: { id: string; newestText: string }): Promise<number> {
  const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const isShown = () => {
    const row = document.querySelector('[data-testid="timeline"] [data-index="0"] [data-testid="note-text"]');
    return row?.textContent === newestText;
  };
  const started = performance.now();
  window.location.hash = `#/incidents/${encodeURIComponent(id)}`;
  await new Promise<void>((resolve) => {
    if (isShown()) return resolve();
    const observer = new MutationObserver(() => {
      if (!isShown()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await painted();
  return performance.now() - started;
}

/** After a reload: milliseconds from navigation start to the newest row painted. */
export async function newestRowAfterLoad(newestText: string): Promise<number> {
  const isShown = () => {
    const row = document.querySelector('[data-testid="timeline"] [data-index="0"] [data-testid="note-text"]');
    return row?.textContent === newestText;
  };
  await new Promise<void>((resolve) => {
    if (isShown()) return resolve();
    const observer = new MutationObserver(() => {
      if (!isShown()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now();
}

export interface ScrollRun {
  /** Time between consecutive animation frames while scrolling, ms. */
  readonly frameTimes: number[];
  /** The most timeline rows mounted at once. */
  readonly mostRows: number;
  readonly scrolledPx: number;
}

/**
 * Scrolls the pane programmatically, one step per frame, as a steady wheel and
 * then as flings, and records the frame times. Frames the page cannot produce
 * in time show as long frame times.
 */
export async function scrollTimeline({
  steadyFrames,
  steadyPx,
  flingFrames,
  flingPx,
}: {
  steadyFrames: number;
  steadyPx: number;
  flingFrames: number;
  flingPx: number;
}): Promise<ScrollRun> {
  const pane = document.querySelector<HTMLElement>('[data-testid="timeline"]');
  if (!pane) throw new Error('no timeline pane');
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  const rows = () => pane.querySelectorAll('[data-testid="timeline-entry"]').length;
  pane.scrollTop = 0;
  for (let settle = 0; settle < 10; settle += 1) await frame();
  const frameTimes: number[] = [];
  let mostRows = rows();
  let last = await frame();
  const start = pane.scrollTop;
  const plan = [
    ...Array.from({ length: steadyFrames }, () => steadyPx),
    ...Array.from({ length: flingFrames }, (_, index) => (Math.floor(index / 30) % 2 === 0 ? flingPx : -flingPx / 2)),
  ];
  for (const step of plan) {
    pane.scrollTop += step;
    const now = await frame();
    frameTimes.push(now - last);
    last = now;
    mostRows = Math.max(mostRows, rows());
  }
  return { frameTimes, mostRows, scrolledPx: pane.scrollTop - start };
}

/**
 * Posts notes with the composer, one after the other: from the click on "Post"
 * to the note's row painted at the top of the timeline, each.
 */
export async function postNotes(count: number): Promise<number[]> {
  const pane = document.querySelector<HTMLElement>('[data-testid="timeline"]');
  const input = document.querySelector<HTMLTextAreaElement>('[data-testid="note-input"]');
  if (!pane || !input) throw new Error('no timeline or composer');
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  if (!setValue) throw new Error('no value setter');
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
  pane.scrollTop = 0;
  for (let settle = 0; settle < 10; settle += 1) await frame();
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const text = `Bench note ${index}: timing from post to row.`;
    setValue.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await frame();
    const button = document.querySelector<HTMLButtonElement>('[data-testid="note-submit"]');
    if (!button || button.disabled) throw new Error('the post button is not ready');
    const isShown = () => pane.querySelector('[data-index="0"] [data-testid="note-text"]')?.textContent === text;
    const started = performance.now();
    button.click();
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!isShown()) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(pane, { childList: true, subtree: true, characterData: true });
    });
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    samples.push(performance.now() - started);
    // Let the post-submit work (sync to the host) start before the next sample.
    await frame();
  }
  return samples;
}

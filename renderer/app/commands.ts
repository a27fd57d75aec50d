// Commands one part of the window asks of another (the palette asks the timeline
// for a quick note, say) without either importing the other: a DOM event each.
export const APP_COMMANDS = {
  /** Opens the quick note dialog. */
  quickNote: 'warroom:quick-note',
  /** Exports the open incident's timeline; detail: { format: 'markdown' | 'csv' | 'json' }. */
  exportTimeline: 'warroom:export-timeline',
  /** Puts the cursor in the open incident's timeline search. */
  searchTimeline: 'warroom:search-timeline',
  /** Opens the assign form of a role on the open incident's board; detail: { role: string }. */
  assignRole: 'warroom:assign-role',
  /** Opens the command palette; detail: 'declare' opens its declare form. */
  openPalette: 'warroom:open-palette',
  /** A runbook file the system opened with the app waits in opened-files.ts for the runbooks screen. */
  importRunbook: 'warroom:import-runbook',
} as const;

export type AppCommand = keyof typeof APP_COMMANDS;

export type ExportFormat = 'markdown' | 'csv' | 'json';

export function sendCommand(command: AppCommand, detail?: unknown): void {
  window.dispatchEvent(new CustomEvent(APP_COMMANDS[command], { detail }));
}

/** Listens for one command; returns the unsubscribe function (for a useEffect). */
export function onCommand(command: AppCommand, listener: (detail: unknown) => void): () => void {
  const handler = (event: Event) => listener(event instanceof CustomEvent ? event.detail : undefined);
  window.addEventListener(APP_COMMANDS[command], handler);
  return () => window.removeEventListener(APP_COMMANDS[command], handler);
}

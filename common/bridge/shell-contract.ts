// The desktop shell's part of the bridge contract: commands the application
// menu, the tray and the global shortcut send to the window, and files the
// system asked the app to open (a runbook or scenario YAML), which the window
// takes when it is ready so that none is lost while it loads.
import { z } from 'zod';

export const SHELL_COMMANDS = ['quick-note', 'declare', 'palette', 'dashboard', 'runbooks', 'settings'] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];

/** The largest runbook or scenario file opened from the system: far beyond any real one. */
export const MAX_OPENED_FILE_BYTES = 1024 * 1024;

export const shellCommandSchema = z.strictObject({ command: z.enum(SHELL_COMMANDS) });

export const openedFileSchema = z.strictObject({
  name: z.string().min(1).max(255),
  text: z.string().max(MAX_OPENED_FILE_BYTES),
});
export type OpenedFile = z.infer<typeof openedFileSchema>;

export const takeOpenedFileResponseSchema = z.strictObject({ file: openedFileSchema.nullable() });

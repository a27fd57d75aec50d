// Runbook and scenario files the desktop app was asked to open, held until the
// runbooks screen takes them: it may not be mounted when one arrives.
import type { OpenedFile } from '../../common/bridge/shell-contract';

const pending: OpenedFile[] = [];

export function queueOpenedFile(file: OpenedFile): void {
  pending.push(file);
}

export function takeOpenedFile(): OpenedFile | undefined {
  return pending.shift();
}

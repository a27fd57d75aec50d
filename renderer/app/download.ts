// Hands a file to the browser's download machinery: exports of timelines,
// reports, runbooks and scenarios all leave the window this way.

/** Long enough for the browser to have read the file; the object URL is freed after. */
const OBJECT_URL_LIFETIME_MS = 60_000;

export function downloadFile(name: string, type: string, data: string | Uint8Array): void {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
}

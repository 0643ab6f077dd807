/**
 * Saving text to a file without the downloads permission (Blob + object URL + <a download>), and copying it to
 * the clipboard. Both answer in plain words for a status line.
 */

export function saveTextFile(text: string, fileName: string, mimeType: string): void {
  saveBlob(new Blob([text], { type: mimeType }), fileName);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started reading the blob by the time the click returns; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export type CopyResult = { ok: true } | { ok: false; message: string };

export async function copyText(text: string): Promise<CopyResult> {
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    return { ok: true };
  } catch (error) {
    const denied = error instanceof Error && /denied|not allowed|permission/i.test(`${error.name} ${error.message}`);
    return {
      ok: false,
      message: denied
        ? 'The browser did not allow copying to the clipboard. Download the file instead.'
        : 'Could not copy to the clipboard. Download the file instead.',
    };
  }
}

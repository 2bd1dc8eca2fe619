/** Saves text as a file through the browser's own download (works in Electron and the browser host alike). */
export function downloadText(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download time to start before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves a file the server sent as base64 through the browser's own download (an anchor with `download`). */
export function saveFile(file: { filename: string; mime: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the download a moment to pick the blob up before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

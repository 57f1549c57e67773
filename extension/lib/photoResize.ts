/*
 * Photos are shrunk in the browser before they are stored: at most 1280 px on the long side, JPEG at 0.8.
 * A phone photo of several MB becomes a few hundred KB, well under the server's 2 MB limit, and uploads fast
 * on a weak connection.
 */
export const MAX_SIDE = 1280;
export const JPEG_QUALITY = 0.8;

export async function downscaleToJpeg(image: Blob, maxSide = MAX_SIDE, quality = JPEG_QUALITY): Promise<Blob> {
  const bitmap = await createImageBitmap(image);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const draw = (ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D) => {
    // JPEG has no transparency: a transparent PNG would turn black without a white ground.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
  };
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height);
    draw(canvas.getContext('2d')!);
    bitmap.close();
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  draw(canvas.getContext('2d')!);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('图片处理失败'))), 'image/jpeg', quality));
}

/** A picture of the visible part of the current tab, where the browser allows it (activeTab); null otherwise. */
export async function captureVisibleTab(): Promise<Blob | null> {
  const { browser } = await import('wxt/browser');
  if (!browser.tabs?.captureVisibleTab) return null;
  try {
    const dataUrl = await browser.tabs.captureVisibleTab({ format: 'jpeg', quality: 85 });
    return await (await fetch(dataUrl)).blob();
  } catch {
    return null;
  }
}

/*
 * Photos picked on the inspect page: downscaled in the browser (longest side 1280 px, JPEG 0.8) so a phone
 * photo fits the server's 2 MB limit, then uploaded with the device token. Returns the server's photo ids.
 */
import { uploadPhoto } from '../../lib/api';

const MAX_SIDE = 1280;

async function downscale(file: File): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  } catch {
    // Not decodable here (or no OffscreenCanvas): send as is and let the server judge the bytes.
    return file;
  }
}

export async function uploadPhotos(serverUrl: string, token: string, files: readonly File[]): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) ids.push(await uploadPhoto(serverUrl, token, await downscale(file)));
  return ids;
}

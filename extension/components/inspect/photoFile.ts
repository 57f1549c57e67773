/*
 * Photos picked on the inspect page: downscaled in the browser by the same rule as the side panel
 * (lib/photoResize.ts), then uploaded with the device token. Returns the server's photo ids.
 */
import { uploadPhoto } from '../../lib/api';
import { downscaleToJpeg } from '../../lib/photoResize';

async function downscale(file: File): Promise<Blob> {
  try {
    return await downscaleToJpeg(file);
  } catch {
    // Not decodable here: send as is and let the server judge the bytes.
    return file;
  }
}

export async function uploadPhotos(serverUrl: string, token: string, files: readonly File[]): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) ids.push(await uploadPhoto(serverUrl, token, await downscale(file)));
  return ids;
}

// Content sniffing from the first bytes: what a file is, whatever its name or declared type says.
import type { MediaType } from '../model/codes.js';

/** Bytes needed to sniff every known type (DICOM's magic sits at 128). */
export const SNIFF_BYTES = 132;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, at: number, s: string) => [...s].every((c, i) => b[at + i] === c.charCodeAt(0));

/** The media type of content from its first bytes, or `undefined` when it is none the kit accepts. */
export function sniffMediaType(head: Uint8Array): MediaType | undefined {
  if (ascii(head, 0, '%PDF-')) return 'application/pdf';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(head, 4, 'ftyp') && ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].some((brand) => ascii(head, 8, brand))) return 'image/heic';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (ascii(head, 128, 'DICM')) return 'application/dicom';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'application/zip';
  return undefined;
}
